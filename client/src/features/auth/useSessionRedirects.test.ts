import { describe, expect, it } from 'vitest';
import { safeRedirect } from './useSessionRedirects';

describe('safeRedirect', () => {
  it('keeps paths of this app and refuses everything else', () => {
    expect(safeRedirect('/u/mina?tab=posts')).toBe('/u/mina?tab=posts');
    expect(safeRedirect(['/people', '/x'])).toBe('/people');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', null, undefined]) {
      expect(safeRedirect(bad)).toBe('/');
    }
  });
});

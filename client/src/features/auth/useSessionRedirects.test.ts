import { describe, expect, it } from 'vitest';
import { safeRedirect, suspendedQuery, suspensionFromQuery } from './useSessionRedirects';

describe('safeRedirect', () => {
  it('keeps paths of this app and refuses everything else', () => {
    expect(safeRedirect('/u/mina?tab=posts')).toBe('/u/mina?tab=posts');
    expect(safeRedirect(['/people', '/x'])).toBe('/people');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', null, undefined]) {
      expect(safeRedirect(bad)).toBe('/');
    }
  });
});

describe('the sign-in page query of a suspension', () => {
  it('carries the end date there and back; an indefinite or malformed one reads as "suspended"', () => {
    const until = '2031-05-04T12:00:00.000Z';
    expect(suspensionFromQuery(suspendedQuery({ until }))).toEqual({ until });
    expect(suspensionFromQuery(suspendedQuery({ until: null }))).toEqual({ until: null });
    expect(suspensionFromQuery({ reason: 'suspended', until: 'next tuesday' })).toEqual({ until: null });
    expect(suspensionFromQuery({ reason: 'expired' })).toBeNull();
  });
});

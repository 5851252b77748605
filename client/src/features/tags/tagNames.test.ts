import { describe, expect, it } from 'vitest';
import { addTags, isValidTag, MAX_TAGS, normaliseTag, tagQuery } from './tagNames';

describe('tag names', () => {
  it('normalises like the API', () => {
    expect(normaliseTag('  #Seoul ')).toBe('seoul');
    expect(normaliseTag('##여행')).toBe('여행');
    // Decomposed Hangul (NFD) becomes the composed form.
    expect(normaliseTag('\u1112\u1161\u11AB')).toBe('한');
    expect(isValidTag('서울_2026')).toBe(true);
    expect(isValidTag('a-b')).toBe(false);
    expect(isValidTag('x'.repeat(51))).toBe(false);
  });

  it('adds several typed tags at once, without duplicates, and says what it refused', () => {
    expect(addTags(['seoul'], '#Seoul, 여행 #맛집  a-b')).toEqual({ tags: ['seoul', '여행', '맛집'], rejected: ['a-b'] });
    expect(addTags([], ' , ')).toEqual({ tags: [], rejected: [] });
    const full = Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`);
    expect(addTags(full, 'one_more').tags).toHaveLength(MAX_TAGS);
  });

  it('asks autocomplete only for what can start a tag', () => {
    expect(tagQuery('#여')).toBe('여');
    expect(tagQuery('#')).toBe('');
    expect(tagQuery('a b')).toBe('');
  });
});

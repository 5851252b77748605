import { describe, expect, it } from 'vitest';
import en from '../../i18n/en';
import ko from '../../i18n/ko';
import { describeUserError, type Translator } from '../../composables/describeUserError';
import posts from './posts.i18n';
import { outcomeOf, POST_ERROR_SCOPES } from './postErrors';

function translator(messages: Record<string, unknown>): Translator {
  const find = (key: string) =>
    key
      .split('.')
      .reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), messages);
  return { t: (key) => String(find(key) ?? key), te: (key) => typeof find(key) === 'string' };
}

describe('post userErrors', () => {
  it('words them with the posts texts by field, list indexes dropped, then the app texts', () => {
    const t = translator({ ...ko, ...posts.ko });
    const describe = (field: string[], code: string) =>
      describeUserError({ field, code, message: 'developer text' }, { t, scopes: POST_ERROR_SCOPES });
    expect(describe(['input', 'title'], 'INVALID')).toBe(posts.ko.posts.errors.fields.title.INVALID);
    expect(describe(['input', 'mediaIds', '1'], 'FORBIDDEN')).toBe(posts.ko.posts.errors.fields.mediaIds.FORBIDDEN);
    expect(describe(['input', 'photoTags', '0', 'userId'], 'FORBIDDEN')).toBe(posts.ko.posts.errors.fields.userId.FORBIDDEN);
    expect(describe(['id'], 'NOT_FOUND')).toBe(ko.errors.NOT_FOUND);
    const english = translator({ ...en, ...posts.en });
    expect(describeUserError({ field: ['input', 'title'], code: 'INVALID' }, { t: english, scopes: POST_ERROR_SCOPES })).toContain(
      'at most 100',
    );
    expect(describe(['input', 'photos', '2', 'altText'], 'INVALID')).toBe(posts.ko.posts.errors.fields.altText.INVALID);
  });

  it('turns a payload into an outcome', () => {
    expect(outcomeOf({ userErrors: [] })).toEqual({ ok: true });
    const errors = [{ field: ['input', 'title'], code: 'INVALID', message: 'x' }];
    expect(outcomeOf({ userErrors: errors })).toEqual({ ok: false, userErrors: errors });
    expect(() => outcomeOf(null)).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import en from '../i18n/en';
import ko from '../i18n/ko';
import { ErrorCode } from '../../../api/src/kernel/errors';
import { describeUserError, describeUserErrors, ERROR_CODES, errorField, userErrorKeys, type Translator } from './describeUserError';

/** A translator over nested messages, like vue-i18n's `t` / `te`. */
function translator(messages: Record<string, unknown>): Translator {
  const find = (key: string) =>
    key
      .split('.')
      .reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), messages);
  return {
    t: (key, named) =>
      typeof find(key) === 'string' ? (find(key) as string).replace(/\{(\w+)\}/g, (_, name: string) => String(named?.[name])) : key,
    te: (key) => typeof find(key) === 'string',
  };
}

const posts = {
  posts: { errors: { fields: { title: { INVALID: '제목은 1~100자로 입력해 주세요.' } }, FORBIDDEN: '그렇게 할 수 없습니다 (게시물).' } },
};
const koT = translator({ ...ko, ...posts });

describe('describeUserError', () => {
  it('knows exactly the codes the API emits (its ErrorCode enum)', () => {
    expect([...ERROR_CODES].sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('has a text for every code the API emits, in Korean and English', () => {
    for (const code of ERROR_CODES) {
      expect(typeof en.errors[code]).toBe('string');
      expect(typeof ko.errors[code]).toBe('string');
      expect(ko.errors[code]).not.toBe(en.errors[code]);
      expect(describeUserError({ code }, { t: koT })).toBe(ko.errors[code]);
    }
  });

  it('prefers the feature field text, then the feature code text, then the app field text, then the code', () => {
    const scopes = ['posts.errors'];
    expect(
      describeUserError({ code: 'INVALID', field: ['input', 'title'], message: 'The title must be 1–100 characters.' }, { t: koT, scopes }),
    ).toBe('제목은 1~100자로 입력해 주세요.');
    expect(describeUserError({ code: 'FORBIDDEN', field: ['id'] }, { t: koT, scopes })).toBe('그렇게 할 수 없습니다 (게시물).');
    expect(describeUserError({ code: 'CONFLICT', field: ['input', 'username'] }, { t: koT, scopes })).toBe(
      ko.errors.fields.username.CONFLICT,
    );
    expect(describeUserError({ code: 'NOT_FOUND', field: ['input', 'title'] }, { t: koT, scopes })).toBe(ko.errors.NOT_FOUND);
    // Without the feature's scope its texts are not used.
    expect(describeUserError({ code: 'FORBIDDEN', field: ['id'] }, { t: koT })).toBe(ko.errors.FORBIDDEN);
  });

  it('tells when to try again when a RATE_LIMITED error carries retryAfterSeconds', () => {
    expect(describeUserError({ code: 'RATE_LIMITED', retryAfterSeconds: 42 }, { t: koT })).toBe(
      '시도 횟수가 너무 많습니다. 42초 후에 다시 시도해 주세요.',
    );
    expect(describeUserError({ code: 'RATE_LIMITED', retryAfterSeconds: 600 }, { t: translator(en) })).toBe(
      'Too many attempts. Try again in 10 min.',
    );
    expect(describeUserError({ code: 'RATE_LIMITED', retryAfterSeconds: 121 }, { t: translator(en) })).toBe(
      'Too many attempts. Try again in 3 min.',
    );
    // Without it (or for another code) the plain text.
    expect(describeUserError({ code: 'RATE_LIMITED', retryAfterSeconds: null }, { t: koT })).toBe(ko.errors.RATE_LIMITED);
    expect(describeUserError({ code: 'FULL', retryAfterSeconds: 5 }, { t: koT })).toBe(ko.errors.FULL);
  });

  it('never shows the server message: unknown codes get the generic text', () => {
    const error = { code: 'TEAPOT', field: null, message: 'I am a teapot.' };
    expect(describeUserError(error, { t: koT })).toBe(ko.errors.unexpected);
    expect(describeUserError({ code: 'network', message: 'x' }, { t: koT })).toBe(ko.errors.unexpected);
    expect(describeUserError(error, { t: translator(en) })).toBe(en.errors.unexpected);
    expect(describeUserError(error, { t: koT, fallback: 'errors.network' })).toBe(ko.errors.network);
  });

  it('names the field without list indexes and tries the keys in order', () => {
    expect(errorField({ field: ['input', 'mediaIds', '2'] })).toBe('mediaIds');
    expect(errorField({ field: ['input', 'photoTags', '0', 'userId'] })).toBe('userId');
    expect(errorField({ field: null })).toBeNull();
    expect(errorField({ field: [] })).toBeNull();
    expect(userErrorKeys({ code: 'INVALID', field: ['input', 'title'] }, ['posts.errors'])).toEqual([
      'posts.errors.fields.title.INVALID',
      'posts.errors.INVALID',
      'errors.fields.title.INVALID',
      'errors.INVALID',
    ]);
    expect(userErrorKeys({ code: 'FULL' })).toEqual(['errors.FULL']);
  });

  it('words a list of errors', () => {
    expect(describeUserErrors([{ code: 'FULL' }, { code: 'RATE_LIMITED' }], { t: translator(en) })).toEqual([
      en.errors.FULL,
      en.errors.RATE_LIMITED,
    ]);
  });

  it("says until when an account is suspended, in the reader's language, when the API gives the date", () => {
    const until = '2031-05-04T12:00:00.000Z';
    const enT = { ...translator(en), locale: () => 'en' };
    expect(describeUserError({ code: 'ACCOUNT_SUSPENDED', suspendedUntil: until }, { t: enT })).toMatch(
      /^Your account is suspended until May 4, 2031/,
    );
    expect(describeUserError({ code: 'ACCOUNT_SUSPENDED', suspendedUntil: until }, { t: { ...koT, locale: () => 'ko' } })).toMatch(
      /^계정이 2031년 5월 4일.*까지 정지되었습니다\.$/,
    );
    expect(describeUserError({ code: 'ACCOUNT_SUSPENDED', suspendedUntil: null }, { t: enT })).toBe('Your account is suspended.');
  });
});

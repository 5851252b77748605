import { describe, expect, it } from 'vitest';
import { errorField, localiseUserErrors, outcomeOf } from './postErrors';

const messages: Record<string, string> = {
  'posts.errors.title.INVALID': '제목은 1~100자입니다.',
  'posts.errors.any.FORBIDDEN': '권한이 없습니다.',
};
const t = (key: string) => messages[key] ?? key;
const te = (key: string) => key in messages;

describe('post userErrors', () => {
  it('names the field without list indexes', () => {
    expect(errorField({ field: ['input', 'mediaIds', '2'] })).toBe('mediaIds');
    expect(errorField({ field: ['input', 'photoTags', '0', 'userId'] })).toBe('userId');
    expect(errorField({ field: null })).toBe('any');
  });

  it('translates by field and code, then by code, else keeps the API words', () => {
    const errors = [
      { field: ['input', 'title'], code: 'INVALID', message: 'The title must be 1–100 characters.' },
      { field: ['input', 'mediaIds', '1'], code: 'FORBIDDEN', message: 'You can only post your own photos.' },
      { field: ['input', 'body'], code: 'INVALID', message: 'The text can be at most 2200 characters.' },
    ];
    expect(localiseUserErrors(errors, 'ko', t, te)).toEqual([
      { field: ['input', 'title'], code: 'INVALID', message: '제목은 1~100자입니다.' },
      { field: ['input', 'mediaIds'], code: 'FORBIDDEN', message: '권한이 없습니다.' },
      { field: ['input', 'body'], code: 'INVALID', message: 'The text can be at most 2200 characters.' },
    ]);
    expect(localiseUserErrors(errors, 'en', t, te)[1]).toEqual({ field: ['input', 'mediaIds'], code: 'FORBIDDEN', message: 'You can only post your own photos.' });
  });

  it('turns a payload into an outcome', () => {
    const words = { locale: 'ko', t, te };
    expect(outcomeOf({ userErrors: [] }, words)).toEqual({ ok: true });
    expect(outcomeOf({ userErrors: [{ field: ['input', 'title'], code: 'INVALID', message: 'x' }] }, words))
      .toEqual({ ok: false, userErrors: [{ field: ['input', 'title'], code: 'INVALID', message: '제목은 1~100자입니다.' }] });
    expect(() => outcomeOf(null, words)).toThrow();
  });
});

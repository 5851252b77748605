import { describe, expect, it } from 'vitest';
import { fieldOf, splitUserErrors } from './useFormErrors';

const error = (field: string[] | null, message = 'bad') => ({ field, message, code: 'INVALID' });

describe('userErrors on forms', () => {
  it('names the field by the last element of its path', () => {
    expect(fieldOf(error(['input', 'password']))).toBe('password');
    expect(fieldOf(error(['refreshToken']))).toBe('refreshToken');
    expect(fieldOf(error(null))).toBeNull();
    expect(fieldOf(error([]))).toBeNull();
  });

  it('puts errors of known fields next to them and the rest in the general area', () => {
    const { byField, general } = splitUserErrors(
      [
        error(['input', 'username'], 'taken'),
        error(['input', 'username'], 'second one'),
        error(['input', 'avatarId'], 'not yours'),
        error(null, 'slow down'),
      ],
      ['username', 'email'],
    );
    expect(Object.keys(byField)).toEqual(['username']);
    expect(byField.username!.message).toBe('taken');
    expect(general.map((e) => e.message)).toEqual(['second one', 'not yours', 'slow down']);
  });
});

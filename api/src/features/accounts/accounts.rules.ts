import { ErrorCode, type ErrorCollector } from '../../kernel/errors.js';

/** What counts as an e-mail address (sign-up, password reset). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The password rules of sign-up, password change and password reset. */
export function checkPassword(password: string | null | undefined, field: string[], errors: ErrorCollector): void {
  if (typeof password !== 'string' || password.length < 8) errors.add(ErrorCode.INVALID, 'Password must be at least 8 characters.', field);
  else if (password.length > 200) errors.add(ErrorCode.INVALID, 'Password can be at most 200 characters.', field);
}

import { fullTime } from '../lib/time';

/**
 * THE way an API error becomes words for the user. The API sends `{ code, field, message }`
 * (GraphQL `userErrors`, `POST /media` answers): `code` is one of the API's `ErrorCode`s
 * (api/src/kernel/errors.ts), `message` is developer text and is never shown. The words come
 * from i18n, most precise first:
 *
 *   1. each feature scope passed in (e.g. `posts.errors`): `<scope>.fields.<field>.<CODE>`, then `<scope>.<CODE>`
 *   2. the app's `errors.fields.<field>.<CODE>`, then `errors.<CODE>`
 *   3. `options.fallback` (default `errors.unexpected`) for a code nobody knows.
 *
 * `<field>` is the last element of the error's path without list indexes
 * (`['input', 'mediaIds', '2']` → `mediaIds`).
 */

/** The codes the API emits (mirror of the API's `ErrorCode` enum; every one has `errors.<CODE>` in en and ko). */
export const ERROR_CODES = [
  'INVALID',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'FULL',
  'UNAUTHENTICATED',
  'TOO_LARGE',
  'UNSUPPORTED_MEDIA',
  'QUOTA_EXCEEDED',
  'ACCOUNT_SUSPENDED',
  'BAD_USER_INPUT',
  'QUERY_TOO_LARGE',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COSTLY',
  'INTERNAL_SERVER_ERROR',
] as const;

export interface UserErrorLike {
  code: string;
  field?: readonly string[] | null;
  message?: string;
  /** RATE_LIMITED: seconds until the action is allowed again (the API's `retryAfterSeconds`). */
  retryAfterSeconds?: number | null;
  /** ACCOUNT_SUSPENDED: when the suspension ends, ISO (the API's `suspendedUntil`); null when indefinite. */
  suspendedUntil?: string | null;
}

/** What describeUserError needs of vue-i18n (`useI18n()` and `i18n.global` both fit). */
export interface Translator {
  t: (key: string, named?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
  /** The page's language, for dates in the words (default `en`). */
  locale?: () => string;
}

export interface DescribeOptions {
  /** Feature texts to try before the app's, most precise first, e.g. `['posts.errors']`. */
  scopes?: readonly string[];
  /** The key for a code nobody has a text for (default `errors.unexpected`). */
  fallback?: string;
  /** Defaults to the app's i18n (registered by `i18n/index.ts`). */
  t?: Translator;
}

const INDEX = /^\d+$/;

/** The field an error is about: the last element of its path, list indexes dropped; null when none. */
export function errorField(error: Pick<UserErrorLike, 'field'>): string | null {
  const path = (error.field ?? []).filter((part) => !INDEX.test(part));
  return path.length ? path[path.length - 1]! : null;
}

let appTranslator: Translator | null = null;

/** Called once by `i18n/index.ts` with the app's i18n. */
export function setErrorTranslator(translator: Translator): void {
  appTranslator = translator;
}

/** The i18n keys tried for an error, in order (exported for tests and for debugging missing texts). */
export function userErrorKeys(error: UserErrorLike, scopes: readonly string[] = []): string[] {
  const field = errorField(error);
  const keys: string[] = [];
  for (const scope of [...scopes, 'errors']) {
    if (field) keys.push(`${scope}.fields.${field}.${error.code}`);
    keys.push(`${scope}.${error.code}`);
  }
  return keys;
}

/** The user's words for one API error, in the page's language. */
export function describeUserError(error: UserErrorLike, options: DescribeOptions = {}): string {
  const translator = options.t ?? appTranslator;
  if (!translator) throw new Error('describeUserError: no i18n registered (import i18n/index.ts first).');
  const wait = error.code === 'RATE_LIMITED' ? error.retryAfterSeconds : null;
  if (typeof wait === 'number' && wait > 0) {
    // Up to two minutes in seconds, longer in whole minutes (rounded up: never "try again" too early).
    return wait <= 120
      ? translator.t('errors.rateLimitedSeconds', { n: Math.ceil(wait) })
      : translator.t('errors.rateLimitedMinutes', { n: Math.ceil(wait / 60) });
  }
  const until = error.code === 'ACCOUNT_SUSPENDED' ? error.suspendedUntil : null;
  if (until && !Number.isNaN(Date.parse(until))) {
    return translator.t('errors.accountSuspendedUntil', { date: fullTime(until, translator.locale?.() ?? 'en') });
  }
  // A code is upper case (INVALID); lower-case keys under `errors` are other texts (network, unexpected).
  const key = /^[A-Z][A-Z_]*$/.test(error.code) ? userErrorKeys(error, options.scopes).find((k) => translator.te(k)) : undefined;
  return translator.t(key ?? options.fallback ?? 'errors.unexpected');
}

/** The words for each error, e.g. for a form's general alert. */
export function describeUserErrors(errors: readonly UserErrorLike[], options: DescribeOptions = {}): string[] {
  return errors.map((error) => describeUserError(error, options));
}

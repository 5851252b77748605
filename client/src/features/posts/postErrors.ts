import type { UserErrorFieldsFragment } from '../../gql/graphql';

type Outcome = { ok: true } | { ok: false; userErrors: readonly UserErrorFieldsFragment[] };

/** The last element of a userError's path, or 0..9 dropped: `['input', 'mediaIds', '2']` → `mediaIds`. */
export function errorField(error: Pick<UserErrorFieldsFragment, 'field'>): string {
  const path = (error.field ?? []).filter((part) => !/^\d+$/.test(part));
  return path[path.length - 1] ?? 'any';
}

/**
 * The API words its userErrors in English. For other languages each one gets this feature's
 * text for its field and code (`posts.errors.<field>.<code>`, else `posts.errors.any.<code>`),
 * or keeps the API's words when there is none. The field path is trimmed of list indexes so
 * the forms place `['input', 'mediaIds', '2']` next to the photos.
 */
export function localiseUserErrors(
  errors: readonly UserErrorFieldsFragment[],
  locale: string,
  t: (key: string) => string,
  te: (key: string) => boolean,
): UserErrorFieldsFragment[] {
  return errors.map((error) => {
    const field = errorField(error);
    const trimmed = error.field ? [...error.field.filter((part) => !/^\d+$/.test(part))] : error.field;
    if (locale === 'en') return { ...error, field: trimmed };
    const key = [`posts.errors.${field}.${error.code}`, `posts.errors.any.${error.code}`].find(te);
    return { ...error, field: trimmed, message: key ? t(key) : error.message };
  });
}

/** A mutation payload as useSubmit takes it, its userErrors in the page's language. */
export function outcomeOf(
  payload: { userErrors: readonly UserErrorFieldsFragment[] } | null | undefined,
  words: { locale: string; t: (key: string) => string; te: (key: string) => boolean },
): Outcome {
  if (!payload) throw new Error('No answer from the server.');
  if (!payload.userErrors.length) return { ok: true };
  return { ok: false, userErrors: localiseUserErrors(payload.userErrors, words.locale, words.t, words.te) };
}

import type { UserErrorFieldsFragment } from '../../gql/graphql';
import { describeUserError, type UserErrorLike } from '../../composables/describeUserError';
import type { Outcome } from '../../composables/useSubmit';

/** The posts' own error texts (`posts.errors.fields.<field>.<CODE>`), tried before the app's. */
export const POST_ERROR_SCOPES = ['posts.errors'] as const;

/** A post error in the page's language (describeUserError with the posts' texts). */
export function describePostError(error: UserErrorLike | undefined): string {
  return error ? describeUserError(error, { scopes: POST_ERROR_SCOPES }) : describeUserError({ code: 'UNEXPECTED' });
}

/** A mutation payload as useSubmit takes it (no answer at all is a failure to report). */
export function outcomeOf(payload: { userErrors: readonly UserErrorFieldsFragment[] } | null | undefined): Outcome {
  if (!payload) throw new Error('No answer from the server.');
  if (!payload.userErrors.length) return { ok: true };
  return { ok: false, userErrors: payload.userErrors };
}

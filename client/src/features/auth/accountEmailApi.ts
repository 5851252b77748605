import { graphqlFetch } from '../../lib/graphqlFetch';
import {
  RequestPasswordResetDocument,
  ResendVerificationEmailDocument,
  ResetPasswordDocument,
  VerifyEmailDocument,
  type UserErrorFieldsFragment,
} from '../../gql/graphql';

/** What a form needs back (useSubmit's Outcome). */
export type EmailOutcome = { ok: true } | { ok: false; userErrors: UserErrorFieldsFragment[] };

const outcome = (userErrors: UserErrorFieldsFragment[]): EmailOutcome => (userErrors.length ? { ok: false, userErrors } : { ok: true });

// Plain fetch, like the other auth requests: these pages are mostly opened signed out, from an e-mail.

export async function requestPasswordReset(email: string): Promise<EmailOutcome> {
  const { data } = await graphqlFetch(RequestPasswordResetDocument, { input: { email } });
  return outcome(data.requestPasswordReset.userErrors);
}

export async function resetPassword(token: string, newPassword: string): Promise<EmailOutcome> {
  const { data } = await graphqlFetch(ResetPasswordDocument, { input: { token, newPassword } });
  return outcome(data.resetPassword.userErrors);
}

/** The verified user's id, or the errors (a used, replaced or expired link). */
export async function verifyEmail(
  token: string,
): Promise<{ ok: true; userId: string | null } | { ok: false; userErrors: UserErrorFieldsFragment[] }> {
  const { data } = await graphqlFetch(VerifyEmailDocument, { input: { token } });
  const errors = data.verifyEmail.userErrors;
  return errors.length ? { ok: false, userErrors: errors } : { ok: true, userId: data.verifyEmail.user?.id ?? null };
}

export async function resendVerificationEmail(token: string | null): Promise<EmailOutcome> {
  const { data } = await graphqlFetch(ResendVerificationEmailDocument, {}, { token });
  return outcome(data.resendVerificationEmail.userErrors);
}

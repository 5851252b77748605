import { graphqlFetch, GraphqlRequestError } from '../../lib/graphqlFetch';
import {
  LoginDocument,
  LogoutDocument,
  RefreshSessionDocument,
  RegisterDocument,
  type AuthSessionFragment,
  type LoginInput,
  type RegisterInput,
  type UserErrorFieldsFragment,
} from '../../gql/graphql';
import type { RefreshOutcome, Session } from './sessionCoordinator';

/** Skews under this are the Date header's one-second rounding plus latency: ignored. */
const SKEW_THRESHOLD_MS = 5_000;

export type AuthResult = { ok: true; session: Session } | { ok: false; userErrors: UserErrorFieldsFragment[] };

function toSession(payload: AuthSessionFragment, clockSkewMs: number): Session | null {
  if (!payload.accessToken || !payload.expiresAt || !payload.user) return null;
  const skew = Math.abs(clockSkewMs) > SKEW_THRESHOLD_MS ? clockSkewMs : 0;
  return { accessToken: payload.accessToken, expiresAt: Date.parse(payload.expiresAt) - skew, user: payload.user };
}

function toResult(payload: AuthSessionFragment, clockSkewMs: number): AuthResult {
  const session = payload.userErrors.length ? null : toSession(payload, clockSkewMs);
  if (session) return { ok: true, session };
  return {
    ok: false,
    userErrors: payload.userErrors.length
      ? payload.userErrors
      : [{ message: 'No session was returned.', code: 'UNAVAILABLE', field: null }],
  };
}

export async function registerRequest(input: RegisterInput): Promise<AuthResult> {
  const { data, clockSkewMs } = await graphqlFetch(RegisterDocument, { input });
  return toResult(data.register, clockSkewMs);
}

export async function loginRequest(input: LoginInput): Promise<AuthResult> {
  const { data, clockSkewMs } = await graphqlFetch(LoginDocument, { input });
  return toResult(data.login, clockSkewMs);
}

/** Rotates the refresh cookie; userErrors mean the session is over. */
export async function refreshRequest(): Promise<RefreshOutcome> {
  try {
    const { data, clockSkewMs } = await graphqlFetch(RefreshSessionDocument, {});
    const result = toResult(data.refreshSession, clockSkewMs);
    if (result.ok) return { kind: 'session', session: result.session };
    const suspended = result.userErrors.find((e) => e.code === 'ACCOUNT_SUSPENDED');
    return suspended ? { kind: 'signedOut', suspension: { until: suspended.suspendedUntil ?? null } } : { kind: 'signedOut' };
  } catch (error) {
    if (error instanceof GraphqlRequestError && error.code === 'UNAUTHENTICATED') return { kind: 'signedOut' };
    return { kind: 'failed', error };
  }
}

/** Ends the session the cookie belongs to; no access token is sent, so an expired one cannot block it. */
export async function logoutRequest(): Promise<void> {
  await graphqlFetch(LogoutDocument, {});
}

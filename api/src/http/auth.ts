import { decodeJwt } from 'jose';
import type { Db } from '../kernel/db.js';
import type { Actor } from '../kernel/actor.js';
import { unauthenticated } from '../kernel/errors.js';
import { bearer } from '../lib/tokens.js';
import { TOKEN_PREFIX } from '../features/access-tokens/index.js';

/** What HTTP authentication needs: the accounts service (session JWTs) and the access-tokens one (personal tokens). */
export interface Credentials {
  accounts: { actorFromAccessToken(em: Db, token: string): Promise<Actor> };
  accessTokens: { actorFromToken(em: Db, secret: string): Promise<Actor> };
}

/**
 * The actor behind an `Authorization: Bearer …` value; null when there is none. The value is a session's access token
 * (a JWT) or a personal access token (`ppe_…`, whose actor carries its scopes).
 * A token that is present but expired, forged, revoked or of an ended session is refused
 * outright rather than treated as signed-out, so clients know to refresh.
 */
export async function actorFromAuthorization(header: string | undefined | null, credentials: Credentials, em: Db): Promise<Actor | null> {
  if (!header) return null;
  const token = bearer(header);
  if (!token) throw unauthenticated('The Authorization header must be "Bearer <access token>".');
  if (token.startsWith(TOKEN_PREFIX)) return credentials.accessTokens.actorFromToken(em, token);
  return credentials.accounts.actorFromAccessToken(em, token);
}

/**
 * When the access token in an `Authorization` value expires (ms since the epoch), or null without one.
 * Read only after `actorFromAuthorization` accepted the same value (the signature was checked there).
 */
export function accessTokenExpiry(header: string | undefined | null): number | null {
  const token = bearer(header);
  if (!token) return null;
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

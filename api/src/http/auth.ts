import type { EntityManager } from '@mikro-orm/postgresql';
import { userActor, type Actor } from '../kernel/actor.js';
import { unauthenticated } from '../kernel/errors.js';
import { bearer, type TokenSigner } from '../lib/tokens.js';

/**
 * The viewer behind an `Authorization: Bearer …` value; null when there is none.
 * A token that is present but expired, forged or of an ended session is refused
 * outright rather than treated as signed-out, so clients know to refresh.
 */
export async function viewerFromAuthorization(header: string | undefined | null, signer: TokenSigner, em: EntityManager): Promise<Actor | null> {
  if (!header) return null;
  const token = bearer(header);
  if (!token) throw unauthenticated('The Authorization header must be "Bearer <access token>".');
  const claims = await signer.verify(token);
  if ('error' in claims) {
    throw unauthenticated(claims.error === 'expired' ? 'The access token has expired: refresh the session.' : 'The access token is not valid.');
  }
  const rows = await em.getConnection().execute('select 1 from sessions where id = ? and user_id = ? and revoked_at is null',
    [claims.sessionId, claims.userId]);
  if (!rows.length) throw unauthenticated('This session has ended: sign in again.');
  return userActor(claims.userId, claims.sessionId);
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

import { randomBytes } from 'node:crypto';
import { AccessScope, type Actor } from '../../kernel/actor.js';
import { inTransaction, type Db } from '../../kernel/db.js';
import { ErrorCode, ErrorCollector, DomainError, forbidden, notFound, unauthenticated } from '../../kernel/errors.js';
import { SESSION_REVOKED_TOPIC, type EventBus, type SessionRevokedEvent } from '../../kernel/events.js';
import { isSuspendedAt } from '../accounts/index.js';
import { sha256 } from '../../lib/tokens.js';
import type { AccessTokenRecord, AccessTokensRepository } from './access-tokens.repository.js';

/** Every secret starts with this, so a leaked one is recognisable (secret scanners) and told apart from session JWTs. */
export const TOKEN_PREFIX = 'ppe_';
/** How much of the secret `prefix` shows: `ppe_` and 8 of its random characters. */
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 8;
const MAX_NAME_LENGTH = 100;
/** Usable tokens per user: enough for many integrations, few enough that limits per token still mean something. */
const MAX_TOKENS_PER_USER = 25;
/** The `sessionId` of a token's actor: its sockets are closed by the same `session-revoked` event as a session's. */
export const tokenSessionId = (id: string): string => `token:${id}`;

export interface CreateAccessTokenRequest {
  name: string;
  scopes: AccessScope[];
  expiresAt: Date | null;
}

/** Personal access tokens: created and revoked by a signed-in session, presented as `Authorization: Bearer ppe_…`. */
export class AccessTokensService {
  constructor(
    private readonly repository: AccessTokensRepository,
    private readonly events: EventBus,
  ) {}

  list(actor: Actor, em: Db): Promise<AccessTokenRecord[]> {
    sessionOnly(actor);
    return this.repository.listOfUser(em, actor.id);
  }

  /** The actor's own tokens by id (null for others', revoked ones and when the actor is a token). */
  async byIds(actor: Actor | null, em: Db, ids: readonly string[]): Promise<(AccessTokenRecord | null)[]> {
    if (!actor || actor.token) return ids.map(() => null);
    const found = new Map((await this.repository.byIdsOfUser(em, actor.id, ids)).map((t) => [t.id, t]));
    return ids.map((id) => found.get(id) ?? null);
  }

  /** A new token and its secret (returned only here: only the hash is kept). */
  async create(actor: Actor, em: Db, input: CreateAccessTokenRequest): Promise<{ accessToken: AccessTokenRecord; secret: string }> {
    sessionOnly(actor);
    const name = input.name.trim();
    const scopes = [...new Set(input.scopes)];
    const errors = new ErrorCollector();
    if (!name) errors.add(ErrorCode.INVALID, 'Give the token a name (what will use it).', ['input', 'name']);
    else if ([...name].length > MAX_NAME_LENGTH)
      errors.add(ErrorCode.INVALID, `The name can be at most ${MAX_NAME_LENGTH} characters.`, ['input', 'name']);
    if (!scopes.length) errors.add(ErrorCode.INVALID, 'Choose at least one scope.', ['input', 'scopes']);
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
      errors.add(ErrorCode.INVALID, 'The expiry must be in the future (or none).', ['input', 'expiresAt']);
    if (errors.errors.length) throw new DomainError(errors.errors);
    const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    return inTransaction(em, async (tx) => {
      if ((await this.repository.countUsable(tx, actor.id)) >= MAX_TOKENS_PER_USER)
        throw new DomainError({
          code: ErrorCode.CONFLICT,
          field: null,
          message: `You have ${MAX_TOKENS_PER_USER} tokens already: revoke one you no longer use first.`,
        });
      const accessToken = await this.repository.insert(tx, {
        userId: actor.id,
        name,
        scopes,
        hash: sha256(secret),
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        expiresAt: input.expiresAt,
      });
      return { accessToken, secret };
    });
  }

  /** Revokes one of the actor's tokens; every API instance closes its sockets and it stops working at once. */
  async revoke(actor: Actor, em: Db, id: string | null): Promise<AccessTokenRecord> {
    sessionOnly(actor);
    const revoked = id ? await this.repository.revoke(em, actor.id, id) : null;
    if (!revoked) throw notFound('No such access token.', ['id']);
    const event: SessionRevokedEvent = { userId: actor.id, sessionIds: [tokenSessionId(revoked.id)], reason: 'token-revoked' };
    this.events.publish(SESSION_REVOKED_TOPIC, event);
    return revoked;
  }

  /**
   * The actor behind a secret, carrying the token's scopes. A secret that is unknown, revoked or expired, or whose user
   * is suspended, is refused (UNAUTHENTICATED). Records the use at most once a minute.
   */
  async actorFromToken(em: Db, secret: string): Promise<Actor> {
    const row = await this.repository.credential(em, sha256(secret));
    if (!row) throw unauthenticated('This access token is not valid or was revoked.');
    const expiresAt = row.expires_at ? new Date(row.expires_at) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw unauthenticated('This access token has expired.');
    if (isSuspendedAt({ suspendedAt: row.suspended_at, suspendedUntil: row.suspended_until }))
      throw unauthenticated('This account is suspended.');
    const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
    if (Date.now() - lastUsed >= 60_000) await this.repository.touch(em, row.id);
    return {
      id: String(row.user_id),
      role: row.role,
      sessionId: tokenSessionId(String(row.id)),
      token: { id: String(row.id), scopes: row.scopes, expiresAt },
    };
  }
}

/** Token management is for people signed in with their password, never for a token (it could mint itself more power). */
function sessionOnly(actor: Actor): void {
  if (actor.token) throw forbidden('An access token cannot manage access tokens: sign in.');
}

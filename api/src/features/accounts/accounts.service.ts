import { accountSuspended, isSuspendedAt } from './accounts.suspension.js';
import { hash, verify } from '@node-rs/argon2';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Actor } from '../../kernel/actor.js';
import { inTransaction, type Db } from '../../kernel/db.js';
import { SESSION_REVOKED_TOPIC, type EventBus, type SessionRevokedEvent } from '../../kernel/events.js';
import { badInput, conflict, DomainError, ErrorCode, ErrorCollector, invalid, unauthenticated, userError } from '../../kernel/errors.js';
import type { RateLimits } from '../../kernel/rate-limit.js';
import { paginate, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import { newRefreshToken, REFRESH_TOKEN_TTL_DAYS, sha256, type TokenSigner } from '../../lib/tokens.js';
import type { Session, User } from './accounts.entity.js';
import type { AccountsRepository } from './accounts.repository.js';
import type { AccountNotices } from './account-email.service.js';
import { checkPassword, EMAIL } from './accounts.rules.js';

const USERNAME = /^[a-z0-9_.]{3,30}$/;
/** The longest a sign-in is slowed down for an account under attack from many clients. */
const MAX_SLOWDOWN_MS = 10_000;
// Verified against when the account does not exist, so both answers take as long.
const DUMMY_HASH = hash('pp-enter-timing-equaliser');

export interface IssuedSession {
  user: User;
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

/** Who owns a media item (media implements it; accounts must not import media). */
export interface AvatarOwners {
  /** The owner's user id, or null when there is no such media. */
  ownerOf(em: Db, mediaId: string): Promise<string | null>;
}

/** What happens elsewhere when an account's privacy changes (friends implements it; accounts must not import friends). */
export interface PrivacyFollowers {
  /** In the profile change's transaction: the account became public, so its pending follow requests become follows. */
  wentPublic(tx: Db, userId: string): Promise<void>;
}

export interface RegisterRequest {
  username: string;
  email: string;
  password: string;
  displayName?: string | null;
  /** The client's address (rate limits). */
  ip: string;
  userAgent: string | null;
}

export interface LoginRequest {
  login: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

export interface ProfileChanges {
  displayName?: string | null;
  bio?: string | null;
  /** Raw media id; null removes the avatar; undefined leaves it as it is. */
  avatarId?: string | null;
  /** The adapter could not decode the avatar id it was given: reported with the other field errors. */
  avatarIdMalformed?: boolean;
  currentPassword?: string | null;
  newPassword?: string | null;
  /** Private (true) or public (false); null/undefined leaves it. */
  isPrivate?: boolean | null;
}

export interface SearchUsersRequest extends PageInput {
  query: string;
}

/** LIKE pattern matching `term` anywhere, with the wildcard characters escaped. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Sign-up, sign-in, sessions, profiles and finding people. */
export class AccountsService {
  constructor(
    private readonly signer: TokenSigner,
    private readonly repository: AccountsRepository,
    private readonly avatars: AvatarOwners,
    private readonly rateLimits: RateLimits,
    /** Extra wait per failure beyond the `loginAccount` limit (config.loginSlowdownStepMs). */
    private readonly slowdownStepMs: number,
    private readonly events: EventBus,
    /** The e-mail side: a verification mail on sign-up, a notice on sign-in from a new browser. */
    private readonly notices: AccountNotices,
    private readonly privacy: PrivacyFollowers,
  ) {}

  /** Tells every API instance (through the bus) that these sessions ended: their sockets are closed. */
  private revoked(event: SessionRevokedEvent): void {
    if (event.sessionIds.length) this.events.publish(SESSION_REVOKED_TOPIC, event);
  }

  usersByIds(em: Db, ids: readonly string[]): Promise<User[]> {
    return this.repository.findByIds(em, ids);
  }

  /**
   * Users by id as `viewer` may see them (`user(id|username)`, `node(id)`): null for a missing user and for one who
   * blocked the viewer. The blocker still reads the user they blocked (`viewerHasBlocked`, to unblock them); search
   * and the friends lists hide the pair either way.
   */
  async visibleUsersByIds(viewer: Actor | null, em: Db, ids: readonly string[]): Promise<(User | null)[]> {
    const others = ids.filter((id) => id !== viewer?.id);
    const [users, hidden] = await Promise.all([
      this.repository.findByIds(em, ids),
      this.repository.hiddenAmong(em, viewer?.id ?? null, others),
    ]);
    const byId = new Map(users.map((u) => [u.id, u]));
    const hiddenIds = new Set(hidden);
    return ids.map((id) => (hiddenIds.has(id) ? null : (byId.get(id) ?? null)));
  }

  /** `userByUsername`, null when that user blocked the viewer. */
  async visibleUserByUsername(viewer: Actor | null, em: Db, username: string): Promise<User | null> {
    const user = await this.userByUsername(em, username);
    if (!user || user.id === viewer?.id) return user;
    return (await this.repository.hiddenAmong(em, viewer?.id ?? null, [user.id])).length ? null : user;
  }

  /** Name and username of each existing user among `ids` (for other features: call tokens, call titles). */
  async profiles(em: Db, ids: string[]): Promise<{ id: string; username: string; displayName: string }[]> {
    if (!ids.length) return [];
    const users = await this.repository.findByIds(em, ids);
    return users.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName }));
  }

  userByUsername(em: Db, username: string): Promise<User | null> {
    return this.repository.findByUsername(em, username.trim().toLowerCase());
  }

  exists(em: Db, userId: string): Promise<boolean> {
    return this.repository.exists(em, userId);
  }

  /** People whose username or display name contains `query`, by username; users blocked either way are left out. */
  searchUsers(viewer: Actor | null, em: Db, input: SearchUsersRequest): Promise<ConnectionShape<User>> {
    const term = input.query.trim().toLowerCase();
    if (term.length > 100) throw badInput('The search text can be at most 100 characters.', 'query');
    const pattern = containsPattern(term);
    const viewerId = viewer?.id ?? null;
    return paginate({
      first: input.first,
      after: input.after,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => this.repository.searchUsers(em, viewerId, pattern, limit, after as [string, string] | null),
      keyOf: (u: User) => [u.username, u.id],
      count: () => this.repository.countSearchUsers(em, viewerId, pattern),
    });
  }

  /**
   * The actor behind an access token. A token that is expired, forged or of an ended session is refused
   * (UNAUTHENTICATED) rather than treated as signed-out, so clients know to refresh.
   */
  async actorFromAccessToken(em: Db, token: string): Promise<Actor> {
    const claims = await this.signer.verify(token);
    if ('error' in claims) {
      throw unauthenticated(
        claims.error === 'expired' ? 'The access token has expired: refresh the session.' : 'The access token is not valid.',
      );
    }
    const role = await this.repository.activeSessionRole(em, claims.sessionId, claims.userId);
    if (!role) throw unauthenticated('This session has ended: sign in again.');
    return { id: claims.userId, role, sessionId: claims.sessionId };
  }

  async register(em: Db, input: RegisterRequest): Promise<IssuedSession> {
    const errors = new ErrorCollector();
    const username = (input.username ?? '').trim().toLowerCase();
    const email = (input.email ?? '').trim().toLowerCase();
    const displayName = (input.displayName ?? '').trim() || username;
    if (!USERNAME.test(username))
      errors.add(ErrorCode.INVALID, 'Username must be 3–30 characters of a–z, 0–9, _ and .', ['input', 'username']);
    if (!EMAIL.test(email) || email.length > 320) errors.add(ErrorCode.INVALID, 'Enter a valid e-mail address.', ['input', 'email']);
    checkPassword(input.password, ['input', 'password'], errors);
    if (displayName.length > 50) errors.add(ErrorCode.INVALID, 'Display name must be 1–50 characters.', ['input', 'displayName']);
    errors.throwIfAny();

    const [nameTaken, emailTaken] = await Promise.all([this.repository.usernameTaken(em, username), this.repository.emailTaken(em, email)]);
    if (nameTaken) errors.add(ErrorCode.CONFLICT, 'That username is taken.', ['input', 'username']);
    if (emailTaken) errors.add(ErrorCode.CONFLICT, 'An account with that e-mail address exists.', ['input', 'email']);
    errors.throwIfAny();
    // Counted once the request would create an account (a taken name costs nothing).
    await this.rateLimits.consume('register', [`ip:${input.ip}`]);

    const passwordHash = await hash(input.password);
    try {
      return await inTransaction(em, async (tx, afterCommit) => {
        const user = this.repository.createUser(tx, { username, email, passwordHash, displayName });
        const issued = await this.openSession(tx, user, input.userAgent);
        await this.notices.signedUp(tx, user, afterCommit);
        return issued;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw conflict('That username or e-mail address was just taken.', ['input', 'username']);
      }
      throw error;
    }
  }

  /**
   * Sign-in. Policy (SECURITY.md): a failure is counted BEFORE the password is checked (an atomic counter, so
   * parallel guesses cannot get past the limit) and given back when the password is right.
   * - per (account, client address): after `loginAccountClient` failures that pair is refused (RATE_LIMITED with
   *   retry-after), the right password included, until the window ends; the owner on another client is not affected;
   * - per client address: after `loginClient` failures, whatever the account, that client is refused likewise;
   * - per account over all clients: beyond `loginAccount` failures each attempt waits a little longer (slow-down,
   *   capped at 10 s) but is never refused, so many clients guessing cannot lock the owner out.
   */
  async login(em: Db, input: LoginRequest): Promise<IssuedSession> {
    const login = (input.login ?? '').trim().toLowerCase();
    const found = login ? await this.repository.findLoginCandidate(em, login) : null;

    // Keys stay within the table's 255 characters (rule + login ≤ 100 + IPv6 address).
    const account = found ? `user:${found.id}` : `login:${login.slice(0, 100)}`;
    const pair = [`${account}|ip:${input.ip}`];
    const client = [`ip:${input.ip}`];
    await this.rateLimits.consume('loginAccountClient', pair);
    await this.rateLimits.consume('loginClient', client);
    if (found) await this.slowDown(found.id);

    const ok = await verify(found?.passwordHash ?? (await DUMMY_HASH), input.password ?? '').catch(() => false);
    if (!found || !ok) throw new DomainError(userError(ErrorCode.INVALID, 'Wrong username, e-mail or password.', ['input', 'login']));
    // Only the right password learns of the suspension (and until when).
    if (isSuspendedAt(found)) throw accountSuspended(found.suspendedUntil, ['input', 'login']);
    await Promise.all([
      this.rateLimits.refund('loginAccountClient', pair),
      this.rateLimits.refund('loginClient', client),
      this.rateLimits.refund('loginAccount', [`user:${found.id}`]),
    ]);
    return inTransaction(em, async (tx, afterCommit) => {
      await this.notices.signingIn(tx, found.id, { ip: input.ip, userAgent: input.userAgent }, afterCommit);
      return this.openSession(tx, await this.repository.userOrFail(tx, found.id), input.userAgent);
    });
  }

  /** Beyond the `loginAccount` limit, each attempt on the account waits `slowdownStepMs` more per failure (≤ 10 s). */
  private async slowDown(userId: string): Promise<void> {
    const attempts = await this.rateLimits.count('loginAccount', `user:${userId}`);
    const over = attempts - this.rateLimits.limit('loginAccount').points;
    if (over > 0 && this.slowdownStepMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(over * this.slowdownStepMs, MAX_SLOWDOWN_MS)));
    }
  }

  /**
   * Rotates a refresh token. A token that was already rotated means it leaked:
   * the whole session is revoked.
   */
  async refresh(em: Db, token: string | null): Promise<IssuedSession> {
    if (!token) throw invalid(['refreshToken'], 'No session to refresh: sign in again.');
    const hashed = sha256(token);
    const result = await inTransaction(em, async (tx, afterCommit) => {
      const row = await this.repository.lockRefreshToken(tx, hashed);
      if (row && row.expiresAt > new Date() && isSuspendedAt(row)) throw accountSuspended(row.suspendedUntil, ['refreshToken']);
      if (!row || row.revokedAt || row.expiresAt < new Date()) throw invalid(['refreshToken'], 'This session has ended: sign in again.');
      if (row.usedAt) {
        const ended = await this.repository.revokeSession(tx, row.sessionId);
        if (ended) afterCommit(() => this.revoked({ userId: ended.userId, sessionIds: [ended.sessionId], reason: 'refresh-token-reused' }));
        // Commit the revocation even though the caller gets an error.
        return { reused: true } as const;
      }
      await this.repository.markRefreshTokenUsed(tx, hashed);
      return this.issue(tx, await this.repository.sessionWithUser(tx, row.sessionId));
    });
    if ('reused' in result)
      throw invalid(['refreshToken'], 'This refresh token was already used; the session was ended for safety. Sign in again.');
    return result;
  }

  /** Ends the actor's session, or else the session of `refreshToken`; false when there was neither. */
  async logout(actor: Actor | null, em: Db, refreshToken: string | null): Promise<boolean> {
    if (actor) {
      const ended = await this.repository.revokeSession(em, actor.sessionId);
      if (ended) this.revoked({ userId: ended.userId, sessionIds: [ended.sessionId], reason: 'logout' });
      return true;
    }
    if (refreshToken) {
      const ended = await this.repository.revokeSessionOfRefreshToken(em, sha256(refreshToken));
      if (ended) this.revoked({ userId: ended.userId, sessionIds: [ended.sessionId], reason: 'logout' });
      return true;
    }
    return false;
  }

  /** Deletes sessions that ended (revoked or expired) more than `retentionDays` ago (a periodic job); returns how many. */
  async pruneSessions(em: Db, retentionDays: number): Promise<number> {
    const cutoff = new Date(Date.now() - retentionDays * 86_400_000);
    let deleted = 0;
    for (;;) {
      const n = await inTransaction(em, (tx) => this.repository.deleteEndedSessions(tx, cutoff, 1000));
      deleted += n;
      if (n < 1000) return deleted;
    }
  }

  async updateProfile(actor: Actor, em: Db, input: ProfileChanges): Promise<User> {
    const errors = new ErrorCollector();
    return inTransaction(em, async (tx, afterCommit) => {
      const user = await this.repository.userForUpdate(tx, actor.id);
      if (input.displayName !== undefined && input.displayName !== null) {
        const displayName = input.displayName.trim();
        if (displayName.length < 1 || displayName.length > 50)
          errors.add(ErrorCode.INVALID, 'Display name must be 1–50 characters.', ['input', 'displayName']);
        else user.displayName = displayName;
      }
      if (input.bio !== undefined) {
        const bio = (input.bio ?? '').trim();
        if (bio.length > 300) errors.add(ErrorCode.INVALID, 'Bio can be at most 300 characters.', ['input', 'bio']);
        else user.bio = bio || null;
      }
      if (input.newPassword !== undefined && input.newPassword !== null) {
        if (!input.currentPassword)
          errors.add(ErrorCode.INVALID, 'Enter your current password to change it.', ['input', 'currentPassword']);
        else if (!(await verify(user.passwordHash, input.currentPassword).catch(() => false))) {
          errors.add(ErrorCode.INVALID, 'The current password is wrong.', ['input', 'currentPassword']);
        }
        checkPassword(input.newPassword, ['input', 'newPassword'], errors);
        if (!errors.errors.length) {
          user.passwordHash = await hash(input.newPassword);
          const ended = await this.repository.revokeOtherSessions(tx, actor.id, actor.sessionId);
          afterCommit(() => this.revoked({ userId: actor.id, sessionIds: ended, reason: 'password-changed' }));
        }
      }
      if (typeof input.isPrivate === 'boolean') {
        if (user.isPrivate && !input.isPrivate) await this.privacy.wentPublic(tx, user.id);
        user.isPrivate = input.isPrivate;
      }
      await this.changeAvatar(tx, user, input, errors);
      errors.throwIfAny();
      return user;
    });
  }

  /** Only the user's own media can become their avatar. */
  private async changeAvatar(tx: Db, user: User, input: ProfileChanges, errors: ErrorCollector): Promise<void> {
    const field = ['input', 'avatarId'];
    if (input.avatarIdMalformed) return errors.add(ErrorCode.INVALID, 'That is not a media id.', field);
    if (input.avatarId === undefined) return;
    if (input.avatarId === null) {
      user.avatarId = null;
      return;
    }
    const ownerId = await this.avatars.ownerOf(tx, input.avatarId);
    if (!ownerId) return errors.add(ErrorCode.NOT_FOUND, 'No such media.', field);
    if (ownerId !== user.id) return errors.add(ErrorCode.FORBIDDEN, 'You can only use your own images.', field);
    user.avatarId = input.avatarId;
  }

  private async openSession(tx: Db, user: User, userAgent: string | null): Promise<IssuedSession> {
    return this.issue(tx, this.repository.createSession(tx, user, userAgent?.slice(0, 400) ?? null));
  }

  private async issue(tx: Db, session: Session): Promise<IssuedSession> {
    const refreshToken = newRefreshToken();
    await this.repository.saveRefreshToken(tx, session, sha256(refreshToken), new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 86_400_000));
    const { token, expiresAt } = await this.signer.sign({ userId: session.user.id, sessionId: session.id });
    return { user: session.user, accessToken: token, refreshToken, expiresAt };
  }
}

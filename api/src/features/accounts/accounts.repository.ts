import type { Role } from '../../kernel/actor.js';
import { sql, type Db } from '../../kernel/db.js';
import { isUuid } from '../../kernel/ids.js';
import { RefreshToken, Session, User } from './accounts.entity.js';
import { suspendedNowSql } from './accounts.suspension.js';

/** SQL predicate on a user column that is true when the viewer may not see that user (friends: blocks). */
export type HiddenUsersSql = (column: string, viewerId: string | null) => { sql: string; params: unknown[] };

/** SQL predicate for media: `mediaAlias` is some user's avatar (media's `node(id)` visibility; composed in server/compose.ts). */
export function avatarMediaSql(mediaAlias: string): { sql: string; params: unknown[] } {
  return { sql: `exists (select 1 from users _av where _av.avatar_id = ${mediaAlias}.id)`, params: [] };
}

/** A user found by login name, with the hash to check the password against. */
export interface LoginCandidateRow {
  id: string;
  passwordHash: string;
  suspendedAt: Date | null;
  suspendedUntil: Date | null;
}

/** A session that was just revoked. */
export interface RevokedSessionRow {
  sessionId: string;
  userId: string;
}

/** A stored refresh token and the state of its session. */
export interface RefreshTokenStateRow {
  sessionId: string;
  usedAt: Date | null;
  expiresAt: Date;
  revokedAt: Date | null;
  suspendedAt: Date | null;
  suspendedUntil: Date | null;
}

export interface NewUser {
  username: string;
  email: string;
  passwordHash: string;
  displayName: string;
}

const asDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const asDateOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : asDate(value));

/**
 * Every statement on users, sessions, refresh tokens and login failures. Stateless: `hiddenUsersSql` and
 * `profileHiddenSql` (friends' block predicates) are the only collaborators.
 */
export class AccountsRepository {
  constructor(
    private readonly hiddenUsersSql: HiddenUsersSql,
    /** True when the user in `column` blocked the viewer (friends' `blockedViewerSql`): their profile is hidden. */
    private readonly profileHiddenSql: HiddenUsersSql = hiddenUsersSql,
  ) {}

  // --- users

  findByIds(em: Db, ids: readonly string[]): Promise<User[]> {
    return em.find(User, { id: { $in: [...ids] } });
  }

  /** The users among `ids` whose profile the viewer may not read (they blocked the viewer). */
  async hiddenAmong(em: Db, viewerId: string | null, ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const hidden = this.profileHiddenSql('u.id', viewerId);
    if (hidden.sql === 'false') return [];
    const rows = await sql<{ id: string }>(em, `select u.id from users u where u.id in (?) and (${hidden.sql})`, [
      [...ids],
      ...hidden.params,
    ]);
    return rows.map((r) => r.id);
  }

  /** `username` as stored (lower-case). */
  findByUsername(em: Db, username: string): Promise<User | null> {
    return em.findOne(User, { username });
  }

  async exists(em: Db, userId: string): Promise<boolean> {
    return (await sql<{ one: number }>(em, 'select 1 as one from users where id = ? limit 1', [userId])).length > 0;
  }

  async usernameTaken(em: Db, username: string): Promise<boolean> {
    return (await sql<{ one: number }>(em, 'select 1 as one from users where lower(username) = ? limit 1', [username])).length > 0;
  }

  async emailTaken(em: Db, email: string): Promise<boolean> {
    return (await sql<{ one: number }>(em, 'select 1 as one from users where lower(email) = ? limit 1', [email])).length > 0;
  }

  /** Staged in `tx`; written by the next flush. */
  createUser(tx: Db, user: NewUser): User {
    return tx.create(User, { ...user, bio: null, avatarId: null });
  }

  /** The user with their password hash (lazy otherwise), for a profile change in `tx`. */
  userForUpdate(tx: Db, userId: string): Promise<User> {
    return tx.findOneOrFail(User, userId, { populate: ['passwordHash'] });
  }

  userOrFail(tx: Db, userId: string): Promise<User> {
    return tx.findOneOrFail(User, userId);
  }

  /** Users whose username or display name matches `pattern` (trigram-indexed), by username, after the keyset. */
  async searchUsers(em: Db, viewerId: string | null, pattern: string, limit: number, after: [string, string] | null): Promise<User[]> {
    const hidden = this.hiddenUsersSql('u.id', viewerId);
    const rows = await sql<Record<string, unknown>>(
      em,
      `select u.* from users u
        where (lower(u.username) like ? or lower(u.display_name) like ?)
          and (?::text is null or (u.username, u.id::text) > (?::text, ?::text))
          and not (${hidden.sql})
        order by u.username, u.id::text limit ?`,
      [pattern, pattern, after?.[0] ?? null, after?.[0] ?? null, after?.[1] ?? null, ...hidden.params, limit],
    );
    return rows.map((row) => em.map(User, row));
  }

  async countSearchUsers(em: Db, viewerId: string | null, pattern: string): Promise<number> {
    const hidden = this.hiddenUsersSql('u.id', viewerId);
    const [row] = await sql<{ n: number }>(
      em,
      `select count(*)::int as n from users u where (lower(u.username) like ? or lower(u.display_name) like ?) and not (${hidden.sql})`,
      [pattern, pattern, ...hidden.params],
    );
    return row.n;
  }

  // --- sign-in attempts

  async findLoginCandidate(em: Db, login: string): Promise<LoginCandidateRow | null> {
    const [row] = await sql<LoginCandidateRow>(
      em,
      `select id, password_hash as "passwordHash", suspended_at as "suspendedAt", suspended_until as "suspendedUntil" from users where lower(username) = ? or lower(email) = ? limit 1`,
      [login, login],
    );
    return row ?? null;
  }

  // --- sessions and refresh tokens

  /** Staged in `tx`; written by the next flush. */
  createSession(tx: Db, user: User, userAgent: string | null): Session {
    return tx.create(Session, { user, userAgent, revokedAt: null });
  }

  /** Stages the refresh token and writes everything staged in `tx`. */
  async saveRefreshToken(tx: Db, session: Session, hash: string, expiresAt: Date): Promise<void> {
    tx.create(RefreshToken, { hash, session, usedAt: null, expiresAt });
    await tx.flush();
  }

  /** The token's state, locked until `tx` ends (two concurrent refreshes of one token: the second sees it used). */
  async lockRefreshToken(tx: Db, hash: string): Promise<RefreshTokenStateRow | null> {
    const [row] = await sql<Record<string, unknown>>(
      tx,
      `select t.session_id, t.used_at, t.expires_at, s.revoked_at, u.suspended_at, u.suspended_until from refresh_tokens t
         join sessions s on s.id = t.session_id join users u on u.id = s.user_id where t.hash = ? for update of t`,
      [hash],
    );
    if (!row) return null;
    return {
      sessionId: String(row.session_id),
      usedAt: asDateOrNull(row.used_at),
      expiresAt: asDate(row.expires_at),
      revokedAt: asDateOrNull(row.revoked_at),
      suspendedAt: asDateOrNull(row.suspended_at),
      suspendedUntil: asDateOrNull(row.suspended_until),
    };
  }

  async markRefreshTokenUsed(tx: Db, hash: string): Promise<void> {
    await tx.execute('update refresh_tokens set used_at = now() where hash = ?', [hash]);
  }

  sessionWithUser(tx: Db, sessionId: string): Promise<Session> {
    return tx.findOneOrFail(Session, sessionId, { populate: ['user'] });
  }

  /** The user's role while the session is active; null once it has ended (or never was). */
  async activeSessionRole(em: Db, sessionId: string, userId: string): Promise<Role | null> {
    const rows = await sql<{ role: Role }>(
      em,
      `select u.role from sessions s join users u on u.id = s.user_id
       where s.id = ? and s.user_id = ? and s.revoked_at is null and not ${suspendedNowSql('u')}`,
      [sessionId, userId],
    );
    return rows[0]?.role ?? null;
  }

  /** Ends the session; the revoked session (with its user), or null when it had already ended. */
  async revokeSession(em: Db, sessionId: string): Promise<RevokedSessionRow | null> {
    const rows = await sql<{ id: string; user_id: string }>(
      em,
      'update sessions set revoked_at = now() where id = ? and revoked_at is null returning id, user_id',
      [sessionId],
    );
    return rows[0] ? { sessionId: String(rows[0].id), userId: String(rows[0].user_id) } : null;
  }

  async revokeSessionOfRefreshToken(em: Db, hash: string): Promise<RevokedSessionRow | null> {
    const rows = await sql<{ id: string; user_id: string }>(
      em,
      `update sessions set revoked_at = now() where revoked_at is null and id =
      (select session_id from refresh_tokens where hash = ?) returning id, user_id`,
      [hash],
    );
    return rows[0] ? { sessionId: String(rows[0].id), userId: String(rows[0].user_id) } : null;
  }

  /**
   * Deletes up to `limit` sessions (their refresh tokens cascade) revoked before `cutoff`, or whose newest refresh
   * token expired before it (no token of theirs can be used); returns how many.
   */
  async deleteEndedSessions(tx: Db, cutoff: Date, limit: number): Promise<number> {
    const rows = await sql<{ id: string }>(
      tx,
      `delete from sessions where id in (
         select s.id from sessions s
          where s.revoked_at < ?
             or coalesce((select max(t.expires_at) from refresh_tokens t where t.session_id = s.id), s.created_at) < ?
          limit ? for update skip locked)
       returning id`,
      [cutoff, cutoff, limit],
    );
    return rows.length;
  }

  /** Every session of the user except `keepSessionId` (a password change signs out the other devices); the ids it ended. */
  async revokeOtherSessions(tx: Db, userId: string, keepSessionId: string | null): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      tx,
      'update sessions set revoked_at = now() where user_id = ? and id <> ? and revoked_at is null returning id',
      [userId, keepSessionId],
    );
    return rows.map((r) => String(r.id));
  }
}

/**
 * SQL predicate (with `?` params): the row `alias` (a post, comment, room or chat message with `removed_at`) was removed
 * by staff and the viewer is not staff. Removed content is hidden from everyone else; staff keep seeing it.
 */
export function removedHiddenSql(alias: string, viewerId: string | null): { sql: string; params: unknown[] } {
  if (!isUuid(viewerId)) return { sql: `(${alias}.removed_at is not null)`, params: [] };
  return {
    sql: `(${alias}.removed_at is not null and not exists (select 1 from users _staff where _staff.id = ?::uuid and _staff.role in ('MODERATOR', 'ADMIN')))`,
    params: [viewerId],
  };
}

import { hash, verify } from '@node-rs/argon2';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, DomainError, ErrorCollector, invalid, userError } from '../../graphql/errors.js';
import type { Context } from '../../graphql/context.js';
import { newRefreshToken, REFRESH_TOKEN_TTL_DAYS, sha256, type TokenSigner } from '../../lib/tokens.js';
import { RefreshToken, Session, User } from './accounts.entity.js';
import type { LoginInput, RegisterInput, UpdateProfileInput } from './accounts.types.js';

const USERNAME = /^[a-z0-9_.]{3,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;
// Verified against when the account does not exist, so both answers take as long.
const DUMMY_HASH = hash('pp-enter-timing-equaliser');

export interface IssuedSession {
  user: User;
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

/** Hook for features that own more of the profile (the avatar belongs to media). */
export type ProfileExtension = (ctx: Context, tx: EntityManager, user: User, input: UpdateProfileInput, errors: ErrorCollector) => Promise<void>;

export class AccountsService {
  private readonly profileExtensions: ProfileExtension[] = [];
  constructor(private readonly signer: TokenSigner) {}

  /** True when a user with this raw id exists. */
  async exists(em: EntityManager, userId: string): Promise<boolean> {
    return (await em.execute('select 1 from users where id = ? limit 1', [userId])).length > 0;
  }

  extendProfile(extension: ProfileExtension): void {
    this.profileExtensions.push(extension);
  }

  async register(ctx: Context, input: RegisterInput): Promise<IssuedSession> {
    const errors = new ErrorCollector();
    const username = (input.username ?? '').trim().toLowerCase();
    const email = (input.email ?? '').trim().toLowerCase();
    const displayName = (input.displayName ?? '').trim() || username;
    if (!USERNAME.test(username)) errors.add('INVALID', 'Username must be 3–30 characters of a–z, 0–9, _ and .', ['input', 'username']);
    if (!EMAIL.test(email) || email.length > 320) errors.add('INVALID', 'Enter a valid e-mail address.', ['input', 'email']);
    checkPassword(input.password, ['input', 'password'], errors);
    if (displayName.length > 50) errors.add('INVALID', 'Display name must be 1–50 characters.', ['input', 'displayName']);
    errors.throwIfAny();

    const [nameTaken, emailTaken] = await Promise.all([
      ctx.em.getConnection().execute('select 1 from users where lower(username) = ? limit 1', [username]),
      ctx.em.getConnection().execute('select 1 from users where lower(email) = ? limit 1', [email]),
    ]);
    if (nameTaken.length) errors.add('CONFLICT', 'That username is taken.', ['input', 'username']);
    if (emailTaken.length) errors.add('CONFLICT', 'An account with that e-mail address exists.', ['input', 'email']);
    errors.throwIfAny();

    const passwordHash = await hash(input.password);
    try {
      return await ctx.em.transactional(async (tx) => {
        const user = tx.create(User, { username, email, passwordHash, displayName, bio: null, avatarId: null });
        return this.openSession(tx as EntityManager, user, ctx.userAgent);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw conflict('That username or e-mail address was just taken.', ['input', 'username']);
      }
      throw error;
    }
  }

  async login(ctx: Context, input: LoginInput): Promise<IssuedSession> {
    const login = (input.login ?? '').trim().toLowerCase();
    const conn = ctx.em.getConnection();
    const rows = login
      ? await conn.execute<{ id: string; password_hash: string }[]>(
          'select id, password_hash from users where lower(username) = ? or lower(email) = ? limit 1', [login, login])
      : [];
    const found = rows[0] ?? null;

    const since = new Date(Date.now() - FAILURE_WINDOW_MS);
    const [counts] = await conn.execute<{ by_user: string; by_ip: string }[]>(
      `select count(*) filter (where user_id = ?) as by_user, count(*) filter (where ip = ?) as by_ip
         from login_failures where created_at > ? and (user_id = ? or ip = ?)`,
      [found?.id ?? null, ctx.ip, since, found?.id ?? null, ctx.ip]);
    if (Number(counts.by_user) >= MAX_FAILURES || Number(counts.by_ip) >= MAX_FAILURES) {
      throw new DomainError(userError('RATE_LIMITED', 'Too many failed sign-ins. Try again in 15 minutes.'));
    }

    const ok = await verify(found?.password_hash ?? (await DUMMY_HASH), input.password ?? '').catch(() => false);
    if (!found || !ok) {
      await conn.execute('insert into login_failures (id, user_id, ip, created_at) values (gen_random_uuid(), ?, ?, now())', [found?.id ?? null, ctx.ip]);
      throw new DomainError(userError('INVALID', 'Wrong username, e-mail or password.', ['input', 'login']));
    }
    return ctx.em.transactional(async (tx) => {
      const user = await tx.findOneOrFail(User, found.id);
      return this.openSession(tx as EntityManager, user, ctx.userAgent);
    });
  }

  /**
   * Rotates a refresh token. A token that was already rotated means it leaked:
   * the whole session is revoked.
   */
  async refresh(ctx: Context, token: string | null): Promise<IssuedSession> {
    if (!token) throw invalid(['refreshToken'], 'No session to refresh: sign in again.');
    const hashed = sha256(token);
    return ctx.em.transactional(async (tx) => {
      const conn = tx; // em.execute runs inside this transaction
      const [row] = await conn.execute<{ session_id: string; used_at: Date | null; expires_at: Date; revoked_at: Date | null }[]>(
        `select t.session_id, t.used_at, t.expires_at, s.revoked_at from refresh_tokens t
           join sessions s on s.id = t.session_id where t.hash = ? for update of t`, [hashed]);
      if (!row || row.revoked_at || row.expires_at < new Date()) throw invalid(['refreshToken'], 'This session has ended: sign in again.');
      if (row.used_at) {
        await conn.execute('update sessions set revoked_at = now() where id = ? and revoked_at is null', [row.session_id]);
        // Commit the revocation even though the caller gets an error.
        return { reused: true } as never;
      }
      await conn.execute('update refresh_tokens set used_at = now() where hash = ?', [hashed]);
      const session = await tx.findOneOrFail(Session, row.session_id, { populate: ['user'] });
      return this.issue(tx as EntityManager, session);
    }).then((result) => {
      if ((result as { reused?: boolean }).reused) throw invalid(['refreshToken'], 'This refresh token was already used; the session was ended for safety. Sign in again.');
      return result;
    });
  }

  async logout(ctx: Context, refreshToken: string | null): Promise<boolean> {
    const conn = ctx.em.getConnection();
    if (ctx.viewer) {
      await conn.execute('update sessions set revoked_at = now() where id = ? and revoked_at is null', [ctx.viewer.sessionId]);
      return true;
    }
    if (refreshToken) {
      await conn.execute(`update sessions set revoked_at = now() where revoked_at is null and id =
        (select session_id from refresh_tokens where hash = ?)`, [sha256(refreshToken)]);
      return true;
    }
    return false;
  }

  async updateProfile(ctx: Context, viewerId: string, input: UpdateProfileInput): Promise<User> {
    const errors = new ErrorCollector();
    return ctx.em.transactional(async (tx) => {
      const user = await tx.findOneOrFail(User, viewerId, { populate: ['passwordHash'] });
      if (input.displayName !== undefined && input.displayName !== null) {
        const displayName = input.displayName.trim();
        if (displayName.length < 1 || displayName.length > 50) errors.add('INVALID', 'Display name must be 1–50 characters.', ['input', 'displayName']);
        else user.displayName = displayName;
      }
      if (input.bio !== undefined) {
        const bio = (input.bio ?? '').trim();
        if (bio.length > 300) errors.add('INVALID', 'Bio can be at most 300 characters.', ['input', 'bio']);
        else user.bio = bio || null;
      }
      if (input.newPassword !== undefined && input.newPassword !== null) {
        if (!input.currentPassword) errors.add('INVALID', 'Enter your current password to change it.', ['input', 'currentPassword']);
        else if (!(await verify(user.passwordHash, input.currentPassword).catch(() => false))) {
          errors.add('INVALID', 'The current password is wrong.', ['input', 'currentPassword']);
        }
        checkPassword(input.newPassword, ['input', 'newPassword'], errors);
        if (!errors.errors.length) {
          user.passwordHash = await hash(input.newPassword);
          await tx.execute('update sessions set revoked_at = now() where user_id = ? and id <> ? and revoked_at is null',
            [viewerId, ctx.viewer?.sessionId ?? null]);
        }
      }
      for (const extend of this.profileExtensions) await extend(ctx, tx as EntityManager, user, input, errors);
      errors.throwIfAny();
      return user;
    });
  }

  private async openSession(tx: EntityManager, user: User, userAgent: string | null): Promise<IssuedSession> {
    const session = tx.create(Session, { user, userAgent: userAgent?.slice(0, 400) ?? null, revokedAt: null });
    return this.issue(tx, session);
  }

  private async issue(tx: EntityManager, session: Session): Promise<IssuedSession> {
    const refreshToken = newRefreshToken();
    tx.create(RefreshToken, {
      hash: sha256(refreshToken), session, usedAt: null,
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 86_400_000),
    });
    await tx.flush();
    const { token, expiresAt } = await this.signer.sign({ userId: session.user.id, sessionId: session.id });
    return { user: session.user, accessToken: token, refreshToken, expiresAt };
  }
}

function checkPassword(password: string | null | undefined, field: string[], errors: ErrorCollector): void {
  if (typeof password !== 'string' || password.length < 8) errors.add('INVALID', 'Password must be at least 8 characters.', field);
  else if (password.length > 200) errors.add('INVALID', 'Password can be at most 200 characters.', field);
}

import { sql, type Db } from '../../kernel/db.js';
import type { AccountTokenPurpose } from './accounts.entity.js';

/** Whom an account e-mail goes to. */
export interface MailRecipientRow {
  id: string;
  username: string;
  email: string;
  emailVerifiedAt: Date | null;
}

/** A stored e-mail token with the account's address now (a token sent to an older address no longer works). */
export interface AccountTokenRow {
  userId: string;
  purpose: AccountTokenPurpose;
  email: string;
  currentEmail: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface NewAccountToken {
  hash: string;
  userId: string;
  purpose: AccountTokenPurpose;
  email: string;
  expiresAt: Date;
}

const RECIPIENT = `id, username, email, email_verified_at as "emailVerifiedAt"`;

/** Every statement of the e-mail flows: single-use tokens, verification, password reset, sign-in notices. */
export class AccountTokensRepository {
  async recipientById(em: Db, userId: string): Promise<MailRecipientRow | null> {
    const [row] = await sql<MailRecipientRow>(em, `select ${RECIPIENT} from users where id = ?`, [userId]);
    return row ?? null;
  }

  /** `email` lower-case; null when no account uses it. */
  async recipientByEmail(em: Db, email: string): Promise<MailRecipientRow | null> {
    const [row] = await sql<MailRecipientRow>(em, `select ${RECIPIENT} from users where lower(email) = ?`, [email]);
    return row ?? null;
  }

  /** `email` lower-case: whether an account other than `userId` uses it. */
  async emailTakenByOther(em: Db, email: string, userId: string): Promise<boolean> {
    const rows = await sql<{ one: number }>(em, 'select 1 as one from users where lower(email) = ? and id <> ? limit 1', [email, userId]);
    return rows.length > 0;
  }

  async passwordHashOf(em: Db, userId: string): Promise<string | null> {
    const [row] = await sql<{ passwordHash: string }>(em, 'select password_hash as "passwordHash" from users where id = ?', [userId]);
    return row?.passwordHash ?? null;
  }

  /** The account's address becomes `email`, verified now (the owner opened a link sent there). */
  async setVerifiedEmail(tx: Db, userId: string, email: string): Promise<void> {
    await tx.execute('update users set email = ?, email_verified_at = now(), updated_at = now() where id = ?', [email, userId]);
  }

  /** Retires the user's unused tokens of `purpose` (a newer one replaces them), then stores the new one. */
  async replaceToken(tx: Db, token: NewAccountToken): Promise<void> {
    await tx.execute('update account_tokens set used_at = now() where user_id = ? and purpose = ? and used_at is null', [
      token.userId,
      token.purpose,
    ]);
    await tx.execute('insert into account_tokens (hash, user_id, purpose, email, created_at, expires_at) values (?, ?, ?, ?, now(), ?)', [
      token.hash,
      token.userId,
      token.purpose,
      token.email,
      token.expiresAt,
    ]);
  }

  /** The token, locked until `tx` ends (two uses at once: the second sees it used). */
  async lockToken(tx: Db, hash: string): Promise<AccountTokenRow | null> {
    const [row] = await sql<Omit<AccountTokenRow, 'expiresAt' | 'usedAt'> & { expiresAt: unknown; usedAt: unknown }>(
      tx,
      `select t.user_id as "userId", t.purpose, t.email, u.email as "currentEmail", t.expires_at as "expiresAt", t.used_at as "usedAt"
         from account_tokens t join users u on u.id = t.user_id where t.hash = ? for update of t`,
      [hash],
    );
    // Timestamps may come back as text from raw statements.
    return row
      ? { ...row, expiresAt: new Date(String(row.expiresAt)), usedAt: row.usedAt == null ? null : new Date(String(row.usedAt)) }
      : null;
  }

  /** Uses the token up, with every other unused token of the user for the same purpose. */
  async useTokens(tx: Db, userId: string, purpose: AccountTokenPurpose): Promise<void> {
    await tx.execute('update account_tokens set used_at = now() where user_id = ? and purpose = ? and used_at is null', [userId, purpose]);
  }

  async markEmailVerified(tx: Db, userId: string): Promise<void> {
    await tx.execute('update users set email_verified_at = coalesce(email_verified_at, now()), updated_at = now() where id = ?', [userId]);
  }

  async setPasswordHash(tx: Db, userId: string, passwordHash: string): Promise<void> {
    await tx.execute('update users set password_hash = ?, updated_at = now() where id = ?', [passwordHash, userId]);
  }

  /** Ends every session of the user but `keepSessionId` (if any); the ids it ended. */
  async revokeSessions(tx: Db, userId: string, keepSessionId: string | null): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      tx,
      'update sessions set revoked_at = now() where user_id = ? and (?::uuid is null or id <> ?::uuid) and revoked_at is null returning id',
      [userId, keepSessionId, keepSessionId],
    );
    return rows.map((r) => String(r.id));
  }

  /** Whether the user ever had a session in a browser with this User-Agent (null matches null). */
  async hadSessionWith(em: Db, userId: string, userAgent: string | null): Promise<boolean> {
    const rows = await sql<{ one: number }>(
      em,
      'select 1 as one from sessions where user_id = ? and user_agent is not distinct from ? limit 1',
      [userId, userAgent],
    );
    return rows.length > 0;
  }
}

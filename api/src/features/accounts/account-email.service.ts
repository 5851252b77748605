import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../kernel/actor.js';
import { inTransaction, type AfterCommit, type Db } from '../../kernel/db.js';
import { SESSION_REVOKED_TOPIC, type EventBus, type SessionRevokedEvent } from '../../kernel/events.js';
import { conflict, ErrorCode, ErrorCollector, invalid } from '../../kernel/errors.js';
import type { Mailer, MailMessage } from '../../kernel/mailer.js';
import { RateLimitedError, type RateLimits } from '../../kernel/rate-limit.js';
import { sha256 } from '../../lib/tokens.js';
import type { AccountTokenPurpose } from './accounts.entity.js';
import {
  approximateOrigin,
  describeBrowser,
  emailChangedNoticeMail,
  emailChangeMail,
  passwordResetMail,
  signInNoticeMail,
  verificationMail,
} from './accounts.mails.js';
import type { AccountTokensRepository, MailRecipientRow } from './account-tokens.repository.js';
import { checkPassword, EMAIL } from './accounts.rules.js';

const VERIFY_TTL_MS = 24 * 3600_000;
const RESET_TTL_MS = 30 * 60_000;

/** The client a sign-in came from. */
export interface SignInClient {
  ip: string;
  userAgent: string | null;
}

/** What sign-up and sign-in tell the e-mail side (AccountsService calls it inside their transactions). */
export interface AccountNotices {
  signedUp(tx: Db, user: { id: string; username: string; email: string }, afterCommit: AfterCommit): Promise<void>;
  /** Before the new session is opened: a browser this account never used gets a notice. */
  signingIn(tx: Db, userId: string, client: SignInClient, afterCommit: AfterCommit): Promise<void>;
}

export interface PasswordResetRequest {
  email: string;
  ip: string;
}

export interface EmailChangeRequest {
  newEmail: string;
  currentPassword: string;
}

export interface PasswordReset {
  token: string;
  newPassword: string;
}

/**
 * Accounts over e-mail: verifying the address, resetting a forgotten password, telling of sign-ins from new browsers.
 * Every link carries a single-use random token stored only as its hash; mail is queued after the commit (Mailer).
 */
export class AccountEmailService implements AccountNotices {
  constructor(
    private readonly repository: AccountTokensRepository,
    private readonly mailer: Mailer,
    private readonly rateLimits: RateLimits,
    private readonly events: EventBus,
    /** config.publicUrl, read when a link is made (tests learn their port after start). */
    private readonly publicUrl: () => string,
  ) {}

  async signedUp(tx: Db, user: Pick<MailRecipientRow, 'id' | 'username' | 'email'>, afterCommit: AfterCommit): Promise<void> {
    const mail = await this.stageVerification(tx, user);
    afterCommit(() => void this.mailer.send(mail));
  }

  async signingIn(tx: Db, userId: string, client: SignInClient, afterCommit: AfterCommit): Promise<void> {
    const userAgent = client.userAgent?.slice(0, 400) ?? null;
    if (await this.repository.hadSessionWith(tx, userId, userAgent)) return;
    const user = await this.repository.recipientById(tx, userId);
    if (!user) return;
    const details = { at: new Date(), browser: describeBrowser(userAgent), origin: approximateOrigin(client.ip) };
    const mail = signInNoticeMail(user.email, user.username, this.link('/settings/profile'), details);
    afterCommit(() => void this.mailer.send(mail));
  }

  /**
   * Opens a verification link: the address it was sent to is now verified. The link of an e-mail change
   * (`requestEmailChange`) makes its new address the account's, verified, and tells the old address. Returns the user's id.
   */
  async verifyEmail(_actor: Actor | null, em: Db, input: { token: string }): Promise<string> {
    return inTransaction(em, async (tx, afterCommit) => {
      const row = await this.usableToken(tx, input.token, 'VERIFY_EMAIL', 'CHANGE_EMAIL');
      if (row.purpose === 'CHANGE_EMAIL') {
        if (await this.repository.emailTakenByOther(tx, row.email, row.userId))
          throw conflict('Another account now uses that e-mail address.', ['input', 'token']);
        const user = await this.repository.recipientById(tx, row.userId);
        // Every link sent to the old address stops working with it (tokens are bound to the address).
        await this.repository.useTokens(tx, row.userId, 'CHANGE_EMAIL');
        await this.repository.setVerifiedEmail(tx, row.userId, row.email);
        if (user) {
          const mail = emailChangedNoticeMail(user.email, user.username, row.email, this.link('/forgot-password'));
          afterCommit(() => void this.mailer.send(mail));
        }
        return row.userId;
      }
      await this.repository.useTokens(tx, row.userId, 'VERIFY_EMAIL');
      await this.repository.markEmailVerified(tx, row.userId);
      return row.userId;
    });
  }

  /**
   * Starts an e-mail change: after the current password is checked, a link goes to the new address; the account's
   * address changes only when that link is opened (`verifyEmail`). A newer request replaces an older one.
   */
  async requestEmailChange(actor: Actor, em: Db, input: EmailChangeRequest): Promise<void> {
    const errors = new ErrorCollector();
    const email = (input.newEmail ?? '').trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 320) errors.add(ErrorCode.INVALID, 'Enter a valid e-mail address.', ['input', 'newEmail']);
    if (!input.currentPassword) errors.add(ErrorCode.INVALID, 'Enter your current password.', ['input', 'currentPassword']);
    errors.throwIfAny();
    const user = await this.repository.recipientById(em, actor.id);
    const passwordHash = await this.repository.passwordHashOf(em, actor.id);
    if (!user || !passwordHash) throw invalid(undefined, 'No such account.');
    if (!(await verify(passwordHash, input.currentPassword).catch(() => false)))
      errors.add(ErrorCode.INVALID, 'The current password is wrong.', ['input', 'currentPassword']);
    else if (email === user.email.toLowerCase())
      errors.add(ErrorCode.INVALID, 'That is already your e-mail address.', ['input', 'newEmail']);
    else if (await this.repository.emailTakenByOther(em, email, actor.id))
      errors.add(ErrorCode.CONFLICT, 'An account with that e-mail address exists.', ['input', 'newEmail']);
    errors.throwIfAny();
    await this.rateLimits.consume('verificationEmail', [`user:${actor.id}`]);
    const token = randomBytes(32).toString('base64url');
    await inTransaction(em, async (tx, afterCommit) => {
      await this.repository.replaceToken(tx, {
        hash: sha256(token),
        userId: actor.id,
        purpose: 'CHANGE_EMAIL',
        email,
        expiresAt: new Date(Date.now() + VERIFY_TTL_MS),
      });
      const mail = emailChangeMail(email, user.username, this.link(`/verify-email?token=${token}`));
      afterCommit(() => void this.mailer.send(mail));
    });
  }

  async resendVerificationEmail(actor: Actor, em: Db): Promise<void> {
    const user = await this.repository.recipientById(em, actor.id);
    if (!user) throw invalid(undefined, 'No such account.');
    if (user.emailVerifiedAt) throw conflict('Your e-mail address is already verified.');
    await this.rateLimits.consume('verificationEmail', [`user:${actor.id}`]);
    await inTransaction(em, (tx, afterCommit) => this.signedUp(tx, user, afterCommit));
  }

  /**
   * Sends a reset link if an account uses `email`. The answer is the same either way (no one learns which addresses
   * have accounts); past the per-address limit no more mail goes out, past the per-client limit the client is refused.
   */
  async requestPasswordReset(_actor: Actor | null, em: Db, input: PasswordResetRequest): Promise<void> {
    const email = (input.email ?? '').trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 320) throw invalid(['input', 'email'], 'Enter a valid e-mail address.');
    await this.rateLimits.consume('passwordResetClient', [`ip:${input.ip}`]);
    try {
      await this.rateLimits.consume('passwordResetEmail', [`email:${sha256(email)}`]);
    } catch (error) {
      if (error instanceof RateLimitedError) return;
      throw error;
    }
    const user = await this.repository.recipientByEmail(em, email);
    if (!user) return;
    const token = randomBytes(32).toString('base64url');
    await inTransaction(em, async (tx, afterCommit) => {
      await this.repository.replaceToken(tx, {
        hash: sha256(token),
        userId: user.id,
        purpose: 'RESET_PASSWORD',
        email: user.email,
        expiresAt: new Date(Date.now() + RESET_TTL_MS),
      });
      const mail = passwordResetMail(user.email, user.username, this.link(`/reset-password?token=${token}`));
      afterCommit(() => void this.mailer.send(mail));
    });
  }

  /**
   * Sets a new password with a reset link (same rules as a password change) and signs out every session but the
   * actor's own; the link is used up, with any other reset link of the account. Opening it also proves the address.
   */
  async resetPassword(actor: Actor | null, em: Db, input: PasswordReset): Promise<void> {
    const errors = new ErrorCollector();
    checkPassword(input.newPassword, ['input', 'newPassword'], errors);
    errors.throwIfAny();
    const passwordHash = await hash(input.newPassword);
    await inTransaction(em, async (tx, afterCommit) => {
      const row = await this.usableToken(tx, input.token, 'RESET_PASSWORD');
      await this.repository.useTokens(tx, row.userId, 'RESET_PASSWORD');
      await this.repository.setPasswordHash(tx, row.userId, passwordHash);
      await this.repository.markEmailVerified(tx, row.userId);
      const keep = actor?.id === row.userId ? actor.sessionId : null;
      const ended = await this.repository.revokeSessions(tx, row.userId, keep);
      if (ended.length) {
        const event: SessionRevokedEvent = { userId: row.userId, sessionIds: ended, reason: 'password-changed' };
        afterCommit(() => this.events.publish(SESSION_REVOKED_TOPIC, event));
      }
    });
  }

  /**
   * The token's row when it may be used now; otherwise one answer for forged, used, replaced and expired links.
   * A link is bound to the account's address, except an e-mail change's, which carries the address to come.
   */
  private async usableToken(tx: Db, token: string, purpose: AccountTokenPurpose, alsoPurpose?: AccountTokenPurpose) {
    const row = typeof token === 'string' && token.length <= 100 ? await this.repository.lockToken(tx, sha256(token)) : null;
    const usable =
      row &&
      (row.purpose === purpose || row.purpose === alsoPurpose) &&
      !row.usedAt &&
      row.expiresAt > new Date() &&
      (row.purpose === 'CHANGE_EMAIL' || row.email.toLowerCase() === row.currentEmail.toLowerCase());
    if (!usable) {
      const what = purpose === 'VERIFY_EMAIL' ? 'verification' : 'password reset';
      throw invalid(['input', 'token'], `This ${what} link is not valid: it expired, was already used or was replaced by a newer one.`);
    }
    return row;
  }

  private async stageVerification(tx: Db, user: { id: string; username: string; email: string }): Promise<MailMessage> {
    const token = randomBytes(32).toString('base64url');
    await this.repository.replaceToken(tx, {
      hash: sha256(token),
      userId: user.id,
      purpose: 'VERIFY_EMAIL',
      email: user.email,
      expiresAt: new Date(Date.now() + VERIFY_TTL_MS),
    });
    return verificationMail(user.email, user.username, this.link(`/verify-email?token=${token}`));
  }

  private link(path: string): string {
    return `${this.publicUrl().replace(/\/$/, '')}${path}`;
  }
}

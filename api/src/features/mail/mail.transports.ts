import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { MailMessage } from '../../kernel/mailer.js';

/** Hands one message to the outside world; throws when it could not (the queue retries). */
export interface MailTransport {
  readonly kind: 'smtp' | 'console';
  deliver(message: MailMessage): Promise<void>;
}

/** SMTP through nodemailer: `smtp://user:pass@host:port` (or `smtps://` for TLS from the start). */
export class SmtpTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly transporter: nodemailer.Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transporter = nodemailer.createTransport(smtpUrl);
  }

  async deliver(message: MailMessage): Promise<void> {
    await this.transporter.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
  }
}

/**
 * The local default (no SMTP_URL): the message goes to the log, links included, so `npm start` needs no mail server
 * and a developer can still follow a verification or reset link.
 */
export class ConsoleTransport implements MailTransport {
  readonly kind = 'console';

  constructor(private readonly log: Logger) {}

  async deliver(message: MailMessage): Promise<void> {
    this.log.info(
      { mail: { to: message.to, subject: message.subject, text: message.text } },
      'e-mail (console transport: set SMTP_URL to send it)',
    );
  }
}

export function createMailTransport(config: { smtpUrl: string | null; mailFrom: string }, log: Logger): MailTransport {
  return config.smtpUrl ? new SmtpTransport(config.smtpUrl, config.mailFrom) : new ConsoleTransport(log);
}

import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Jobs } from '../../kernel/jobs.js';
import type { Mailer, MailMessage } from '../../kernel/mailer.js';
import type { MailTransport } from './mail.transports.js';

export const MAIL_SEND_JOB = 'mail-send';

/**
 * The Mailer of the app: each message becomes a background job (kernel/jobs.ts), so the request that caused it never
 * waits for the mail server. With REDIS_URL the job is durable and retried with back-off when the server refuses it;
 * without, it runs on a timer of this process and a failure is logged.
 */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly jobs: Jobs,
    private readonly transport: MailTransport,
    private readonly log: Logger,
  ) {
    jobs.handle<MailMessage & Record<string, string>>(MAIL_SEND_JOB, async (message) => {
      try {
        await this.transport.deliver(message);
      } catch (error) {
        this.log.warn({ err: error, to: message.to, subject: message.subject }, 'e-mail not delivered');
        throw error;
      }
    });
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.jobs.schedule(MAIL_SEND_JOB, { ...message }, { key: randomUUID(), delayMs: 0 });
    } catch (error) {
      this.log.error({ err: error, to: message.to, subject: message.subject }, 'e-mail not queued');
    }
  }
}

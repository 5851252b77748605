import { pino } from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { MemoryJobs } from '../../server/jobs/memory.js';
import { startTestSmtp } from '../../test/smtp.js';
import { OutboxMailer } from './mail.outbox.js';
import { createMailTransport } from './mail.transports.js';

const message = { to: 'mina@example.com', subject: 'Hello', text: 'Open https://pp.test/verify-email?token=abc', html: '<p>hi</p>' };

/** A pino logger whose lines land in `lines`. */
function capturedLog() {
  const lines: { msg?: string; mail?: Record<string, string> }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('mail transports', () => {
  it('writes mail to the log when SMTP_URL is unset (the `npm start` default), links included', async () => {
    const config = loadConfig({});
    expect(config.mail).toEqual({ smtpUrl: null, from: 'PP-ENTER <no-reply@localhost>', logOnlyInProduction: false });
    const { log, lines } = capturedLog();
    const transport = createMailTransport({ smtpUrl: config.mail.smtpUrl, mailFrom: config.mail.from }, log);
    expect(transport.kind).toBe('console');
    const mailer = new OutboxMailer(new MemoryJobs(log), transport, log);
    await mailer.send(message);
    await until(() => lines.some((l) => l.mail));
    expect(lines.find((l) => l.mail)?.mail).toMatchObject({
      to: 'mina@example.com',
      subject: 'Hello',
      text: expect.stringContaining('token=abc'),
    });
  });

  it('sends over SMTP_URL without holding up the caller, and logs a failed delivery instead of throwing', async () => {
    const smtp = await startTestSmtp();
    const { log, lines } = capturedLog();
    try {
      const mailer = new OutboxMailer(new MemoryJobs(log), createMailTransport({ smtpUrl: smtp.url, mailFrom: 'x@pp.test' }, log), log);
      await mailer.send(message);
      expect((await smtp.nextMailTo('mina@example.com')).subject).toBe('Hello');
      const down = new OutboxMailer(
        new MemoryJobs(log),
        createMailTransport({ smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'x@pp.test' }, log),
        log,
      );
      await expect(down.send(message)).resolves.toBeUndefined();
      await until(() => lines.some((l) => l.msg === 'e-mail not delivered'));
      expect(lines.some((l) => l.msg === 'e-mail not delivered')).toBe(true);
    } finally {
      await smtp.stop();
    }
  });

  it('validates SMTP_URL and MAIL_FROM, and flags production without SMTP', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL="http:\/\/mail" must be a URL starting with smtp: or smtps:/);
    expect(() => loadConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
    expect(loadConfig({ SMTP_URL: 'smtp://u:p@mail:587', MAIL_FROM: 'no-reply@pp.test' }).mail.from).toBe('no-reply@pp.test');
    const production = { NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(40) };
    expect(loadConfig(production).mail.logOnlyInProduction).toBe(true);
    expect(loadConfig({ ...production, SMTP_URL: 'smtps://mail:465' }).mail.logOnlyInProduction).toBe(false);
  });
});

import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message the test SMTP server received. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  from: string;
}

export interface TestSmtp {
  /** `smtp://127.0.0.1:<port>` for SMTP_URL. */
  url: string;
  /** Everything received so far, oldest first. */
  readonly received: ReceivedMail[];
  /**
   * The next message to `address` (whose subject matches `subject`, if given) that is not yet taken; one already
   * received counts. Fails after `timeoutMs` (default 10 s).
   */
  nextMailTo(address: string, options?: { subject?: RegExp; timeoutMs?: number }): Promise<ReceivedMail>;
  /** Messages to `address` received so far and not yet taken. */
  pendingFor(address: string): ReceivedMail[];
  /** The first absolute link in a message whose path is `path` (e.g. `/reset-password`). */
  linkIn(mail: ReceivedMail, path: string): URL;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on a free loopback port (plain, no auth), parsing each message with mailparser, so tests
 * receive exactly what the API's nodemailer transport sent.
 */
export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  const waiters: { address: string; subject?: RegExp; resolve: (mail: ReceivedMail) => void }[] = [];
  const matches = (mail: ReceivedMail, address: string, subject?: RegExp) =>
    mail.to.includes(address.toLowerCase()) && (!subject || subject.test(mail.subject));

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail = toMail(parsed);
          received.push(mail);
          const waiter = waiters.find((w) => matches(mail, w.address, w.subject));
          if (waiter) {
            waiters.splice(waiters.indexOf(waiter), 1);
            taken.add(mail);
            waiter.resolve(mail);
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    pendingFor: (address) => received.filter((m) => !taken.has(m) && matches(m, address)),
    nextMailTo(address, { subject, timeoutMs = 10_000 } = {}) {
      const ready = received.find((m) => !taken.has(m) && matches(m, address, subject));
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve, reject) => {
        const waiter = { address: address.toLowerCase(), subject, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const index = waiters.indexOf(waiter);
          if (index < 0) return;
          waiters.splice(index, 1);
          reject(new Error(`no e-mail to ${address} within ${timeoutMs} ms`));
        }, timeoutMs).unref();
      });
    },
    linkIn(mail, path) {
      const links = [...mail.text.matchAll(/https?:\/\/\S+/g)].map((m) => new URL(m[0]));
      const link = links.find((l) => l.pathname === path);
      if (!link) throw new Error(`no ${path} link in “${mail.subject}”:\n${mail.text}`);
      return link;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function toMail(parsed: ParsedMail): ReceivedMail {
  const addresses = (list: ParsedMail['to']) =>
    (Array.isArray(list) ? list : list ? [list] : []).flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
  return {
    to: addresses(parsed.to),
    from: parsed.from?.text ?? '',
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
  };
}

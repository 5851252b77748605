/** One e-mail: plain text for every reader, simple HTML for those that show it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends e-mail without holding up the request that caused it: `send` only queues the message (call it after the
 * transaction commits); delivery happens in the background and a failure is logged, never thrown at the user.
 * features/mail implements it (SMTP with SMTP_URL, the log without).
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

// E-mail delivery: the composition root builds the OutboxMailer on the transport config asks for.
export { OutboxMailer } from './mail.outbox.js';
export { createMailTransport } from './mail.transports.js';

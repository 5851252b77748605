import { pino, type Logger } from 'pino';

/** Structured logs; anything that looks like a secret is redacted before it is written. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        '*.*.password',
        'newPassword',
        '*.newPassword',
        '*.*.newPassword',
        'currentPassword',
        '*.currentPassword',
        '*.*.currentPassword',
        'token',
        '*.token',
        'accessToken',
        '*.accessToken',
        'refreshToken',
        '*.refreshToken',
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        'variables.input.password',
        'variables.input.newPassword',
        'variables.input.currentPassword',
        'variables.refreshToken',
        'apiSecret',
        '*.apiSecret',
      ],
      censor: '[redacted]',
    },
  });
}
export type { Logger };

import { DomainError, ErrorCode, userError } from './errors.js';

/**
 * The named limits (config.ts `rateLimits` holds their numbers). A new limited action (reports, when moderation
 * comes) adds its name here and a default in config.ts, then calls `rateLimits.consume('reports', [...keys])`.
 */
export type RateRule =
  | 'register'
  | 'loginAccountClient'
  | 'loginClient'
  | 'loginAccount'
  | 'friendRequests'
  | 'chatMessages'
  | 'comments'
  | 'uploadsUser'
  | 'uploadsClient'
  | 'reports'
  | 'passwordResetEmail'
  | 'passwordResetClient'
  | 'verificationEmail'
  | 'directMessages'
  | 'conversationStarts'
  | 'typingSignals';

/** At most `points` events per `durationSeconds` window, per key. */
export interface RateLimit {
  points: number;
  durationSeconds: number;
}

export type RateLimitsConfig = Record<RateRule, RateLimit>;

/**
 * The one rate-limit mechanism (db/rate-limits.ts implements it on PostgreSQL). Keys are what is counted:
 * `user:<id>`, `ip:<address>`, `account:<id>|ip:<address>`; each key has its own counter per rule.
 * Counting is atomic, so parallel requests cannot get past a limit.
 */
export interface RateLimits {
  /** Counts one event for every key; throws RATE_LIMITED (with `retryAfterSeconds`) when any key is over the rule's limit. */
  consume(rule: RateRule, keys: string[]): Promise<void>;
  /** Gives back the events `consume` counted (e.g. a sign-in that turned out right is not a failure). */
  refund(rule: RateRule, keys: string[]): Promise<void>;
  /** Counts one event for `key` and returns how many the window holds now, never throwing (for slow-downs). */
  count(rule: RateRule, key: string): Promise<number>;
  /** The rule's numbers. */
  limit(rule: RateRule): RateLimit;
}

/** A `DomainError` whose user error tells when to try again. */
export class RateLimitedError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many attempts. Try again in ${retryAfterSeconds} s.`,
  ) {
    super({ ...userError(ErrorCode.RATE_LIMITED, message), retryAfterSeconds });
  }
}

/**
 * Live events between services and subscriptions. Services publish plain ids/values on topics such as
 * `notification:<userId>` after their transaction commits; the GraphQL layer subscribes. graphql/pubsub.ts
 * implements it: in one process with an EventEmitter, across instances through Redis (REDIS_URL).
 */
export interface EventBus {
  publish(topic: string, payload: unknown): void;
}

/**
 * Published by accounts after a revocation commits (logout, password change, refresh-token reuse), and by access-tokens
 * when a personal access token is revoked (its "session" is `token:<id>`).
 * Every API instance closes the open sockets of these sessions; nothing else may short-cut the bus.
 */
export const SESSION_REVOKED_TOPIC = 'session-revoked';

export type SessionRevokedReason = 'logout' | 'password-changed' | 'refresh-token-reused' | 'suspended' | 'token-revoked';

export interface SessionRevokedEvent {
  userId: string;
  sessionIds: string[];
  reason: SessionRevokedReason;
}

/**
 * Live events between services and subscriptions. Services publish plain ids/values on topics such as
 * `notification:<userId>` after their transaction commits; the GraphQL layer subscribes. Today one process
 * (an EventEmitter); the interface is what a Redis-backed bus implements later.
 */
export interface EventBus {
  publish(topic: string, payload: unknown): void;
}

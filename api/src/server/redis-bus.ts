import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RemoteBus } from '../graphql/pubsub.js';

/**
 * Live events across API instances over Redis pub/sub (REDIS_URL). One connection publishes, one listens; a Redis
 * channel is subscribed while at least one local listener wants its topic, so each instance receives only the events
 * of the users connected to it. Channels carry a prefix of the URL's logical database: Redis pub/sub ignores
 * databases, and deployments (or test stacks) sharing one server must not hear each other.
 * Payloads are JSON; a received event is parsed once and handed to the local dispatch once.
 */
export class RedisBus implements RemoteBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private handler: ((topic: string, payload: unknown) => void) | null = null;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    const database = Number(new URL(url).pathname.slice(1) || 0);
    this.prefix = `pp:${database}:`;
    // Commands issued while Redis is unreachable wait for the reconnection instead of failing at once.
    const options = { maxRetriesPerRequest: null, enableAutoPipelining: true } as const;
    this.publisher = new Redis(url, { ...options, connectionName: 'pp-publish' });
    this.subscriber = new Redis(url, { ...options, connectionName: 'pp-subscribe' });
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on('error', (error) => this.log.warn({ err: error }, 'redis connection error'));
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(this.prefix) || !this.handler) return;
      let payload: unknown;
      try {
        payload = JSON.parse(message);
      } catch {
        this.log.warn({ channel }, 'dropped an event that is not JSON');
        return;
      }
      this.handler(channel.slice(this.prefix.length), payload);
    });
  }

  publish(topic: string, payload: unknown): void {
    this.publisher
      .publish(this.prefix + topic, JSON.stringify(payload))
      .catch((error: unknown) => this.log.error({ err: error, topic }, 'could not publish an event'));
  }

  subscribe(topic: string): void {
    this.subscriber.subscribe(this.prefix + topic).catch((error: unknown) => this.log.error({ err: error, topic }, 'could not subscribe'));
  }

  unsubscribe(topic: string): void {
    this.subscriber
      .unsubscribe(this.prefix + topic)
      .catch((error: unknown) => this.log.warn({ err: error, topic }, 'could not unsubscribe'));
  }

  onMessage(handler: (topic: string, payload: unknown) => void): void {
    this.handler = handler;
  }

  /** Resolves once both connections are ready (start-up waits for it: an instance that cannot hear events is not ready). */
  async ready(): Promise<void> {
    await Promise.all([this.publisher.ping(), this.subscriber.ping()]);
  }

  status(): { ok: boolean; message?: string } {
    const states = [this.publisher.status, this.subscriber.status];
    return states.every((s) => s === 'ready') ? { ok: true } : { ok: false, message: `redis: ${states.join('/')}` };
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }
}

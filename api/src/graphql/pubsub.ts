import { EventEmitter, on } from 'node:events';
import type { EventBus } from '../kernel/events.js';

/**
 * In-process publish/subscribe for GraphQL subscriptions. Topics are strings such as
 * `notification:<userId>`; payloads are plain ids/values, never entities of another
 * request's EntityManager.
 */
export class PubSub implements EventBus {
  private readonly emitter = new EventEmitter({ captureRejections: false });
  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(topic: string, payload: unknown): void {
    this.emitter.emit(topic, payload);
  }

  /** Calls `listener` for every event of `topic` (adapters such as the socket server); returns the unsubscribe. */
  listen<T>(topic: string, listener: (payload: T) => void): () => void {
    const handler = (payload: T) => listener(payload);
    this.emitter.on(topic, handler);
    return () => void this.emitter.off(topic, handler);
  }

  listenerCount(topic: string): number {
    return this.emitter.listenerCount(topic);
  }

  /**
   * Events of `topic` for one subscription. Before each event is resolved the context
   * gets a fresh EntityManager fork and fresh DataLoaders.
   */
  async *subscribe<T>(topic: string, ctx: { freshen(): void }, filter?: (payload: T) => boolean | Promise<boolean>): AsyncGenerator<T> {
    const abort = new AbortController();
    try {
      for await (const [payload] of on(this.emitter, topic, { signal: abort.signal })) {
        ctx.freshen();
        if (filter && !(await filter(payload as T))) continue;
        yield payload as T;
      }
    } finally {
      abort.abort();
    }
  }
}

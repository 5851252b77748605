import { EventEmitter } from 'node:events';
import type { EventBus } from '../kernel/events.js';

/**
 * Where events travel between API instances (server/redis-bus.ts). `publish` sends to every instance, this one
 * included; `onMessage` hands each received event to the local dispatch once, whatever number of listeners wait for it.
 */
export interface RemoteBus {
  publish(topic: string, payload: unknown): void;
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
  onMessage(handler: (topic: string, payload: unknown) => void): void;
}

/** What one subscription's context offers the bus: a per-event scope, shared by the viewer's sockets for that event. */
export interface EventScopeHolder {
  enterEvent(payload: unknown): void;
}

/** Whether an event is delivered; `'end'` completes the subscription (e.g. its room was deleted). */
export type EventFilter<T> = (payload: T) => boolean | 'end' | Promise<boolean | 'end'>;

/** Undelivered events one slow subscription may hold before older ones are dropped (a stalled socket must not grow). */
const MAX_PENDING = 64;

/**
 * Publish/subscribe for GraphQL subscriptions and background listeners. Topics are strings such as
 * `notification:<userId>`; payloads are plain ids/values (JSON), never entities of another request's EntityManager.
 * In one process events go through an EventEmitter; with a `RemoteBus` (REDIS_URL) they go through Redis, and each
 * instance dispatches a received event once to its local listeners, all of which see the very same payload object
 * (so per-event work can be shared by identity: graphql/shared-execution.ts).
 */
export class PubSub implements EventBus {
  private readonly emitter = new EventEmitter({ captureRejections: false });
  constructor(private readonly remote: RemoteBus | null = null) {
    this.emitter.setMaxListeners(0);
    remote?.onMessage((topic, payload) => this.emitter.emit(topic, payload));
  }

  publish(topic: string, payload: unknown): void {
    if (this.remote) this.remote.publish(topic, payload);
    // A copy per publish, as Redis gives: per-event work is shared by the payload's identity, so one object published
    // twice must still make two events.
    else this.emitter.emit(topic, payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? { ...payload } : payload);
  }

  /** Calls `listener` for every event of `topic` (adapters such as the socket server); returns the unsubscribe. */
  listen<T>(topic: string, listener: (payload: T) => void): () => void {
    this.emitter.on(topic, listener as (payload: unknown) => void);
    if (this.remote && this.emitter.listenerCount(topic) === 1) this.remote.subscribe(topic);
    let listening = true;
    return () => {
      if (!listening) return;
      listening = false;
      this.emitter.off(topic, listener as (payload: unknown) => void);
      if (this.remote && this.emitter.listenerCount(topic) === 0) this.remote.unsubscribe(topic);
    };
  }

  listenerCount(topic: string): number {
    return this.emitter.listenerCount(topic);
  }

  /**
   * Events of `topic` for one subscription. Before each event is filtered and resolved, the context enters the
   * event's scope (EntityManager fork and DataLoaders, created lazily and shared by the viewer's subscriptions
   * to that event). Ending the subscription (`return()`) stops listening at once, even while it waits for an event.
   */
  subscribe<T>(topic: string, ctx: EventScopeHolder, filter?: EventFilter<T>): AsyncIterableIterator<T> {
    return new TopicSubscription<T>(this, topic, ctx, filter);
  }
}

/** A plain async iterator rather than an async generator: `return()` must not wait for the next event to arrive. */
class TopicSubscription<T> implements AsyncIterableIterator<T> {
  private pending: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private done = false;
  private readonly unlisten: () => void;

  constructor(
    bus: PubSub,
    topic: string,
    private readonly ctx: EventScopeHolder,
    private readonly filter?: EventFilter<T>,
  ) {
    this.unlisten = bus.listen<T>(topic, (payload) => this.push(payload));
  }

  private push(payload: T): void {
    if (this.done) return;
    if (this.waiting) {
      const wake = this.waiting;
      this.waiting = null;
      wake({ value: payload, done: false });
      return;
    }
    if (this.pending.length >= MAX_PENDING) this.pending.shift();
    this.pending.push(payload);
  }

  private raw(): Promise<IteratorResult<T>> {
    if (this.pending.length) return Promise.resolve({ value: this.pending.shift()!, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      const result = await this.raw();
      if (result.done || this.done) return { value: undefined, done: true };
      this.ctx.enterEvent(result.value);
      const verdict = this.filter ? await this.filter(result.value) : true;
      if (verdict === 'end') return this.return();
      if (verdict && !this.done) return result;
    }
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.unlisten();
      this.pending = [];
      this.waiting?.({ value: undefined, done: true });
      this.waiting = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}

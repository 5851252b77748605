import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Actor } from '../kernel/actor.js';
import { createScope, type Scope } from '../kernel/scope.js';
import type { EventScopeHolder, PubSub } from './pubsub.js';
import type { Services } from '../server/compose.js';

/**
 * Per-operation state of the GraphQL adapter. Services never receive it: resolvers take `actor`,
 * `scope.em` and typed input out of it. On a subscription graphql-ws keeps one context for the whole
 * subscription, so `enterEvent()` gives every event its own scope (EntityManager fork and DataLoaders), shared by all
 * of one viewer's subscriptions to that event; nothing heavy is held between events.
 */
export interface Context extends EventScopeHolder {
  actor: Actor | null;
  scope: Scope;
  requestId: string;
  ip: string;
  userAgent: string | null;
  log: Logger;
  config: Config;
  pubsub: PubSub;
  services: Services;
  /** Set on HTTP requests: lets auth mutations set and clear the refresh cookie. */
  http?: { cookies: Record<string, string>; setCookie(header: string): void };
  /** The scope's EntityManager (shorthand for `scope.em`). */
  readonly em: EntityManager;
}

/**
 * What an adapter supplies; the scope, `enterEvent` and `em` are the context's own. With `logBindings` the context
 * makes its child logger on first use (a socket's subscriptions mostly never log).
 */
type ContextInit = Omit<Context, 'scope' | 'enterEvent' | 'em'> & { orm: MikroORM; logBindings?: Record<string, unknown> };

/**
 * Scopes of the events being delivered, per viewer: the sockets of one user that subscribed to the same event share
 * one EntityManager fork and one set of DataLoaders for it (one database round trip, not one per socket). Keyed by
 * the payload object, which the bus hands to every listener (graphql/pubsub.ts), so they go with the event.
 */
const eventScopes = new WeakMap<object, Map<string, Scope>>();

/** Who the answers are for: two contexts with the same key see the same data (visibility depends on id and role). */
export function viewerKey(actor: Actor | null): string {
  return actor ? `${actor.id}:${actor.role}` : 'anonymous';
}

/**
 * A class, not an object literal: Apollo copies the context's own properties per operation, so the
 * accessors must live on the prototype to keep working on the copy.
 */
class GraphqlContext implements Context {
  actor: Actor | null;
  requestId: string;
  ip: string;
  userAgent: string | null;
  config: Config;
  pubsub: PubSub;
  services: Services;
  http?: Context['http'];
  private readonly orm: MikroORM;
  private currentScope: Scope | null = null;
  private baseLog: Logger;
  private logBindings: Record<string, unknown> | null;

  constructor(init: ContextInit) {
    this.orm = init.orm;
    this.actor = init.actor;
    this.requestId = init.requestId;
    this.ip = init.ip;
    this.userAgent = init.userAgent;
    this.baseLog = init.log;
    this.logBindings = init.logBindings ?? null;
    this.config = init.config;
    this.pubsub = init.pubsub;
    this.services = init.services;
    this.http = init.http;
  }

  get log(): Logger {
    if (this.logBindings) {
      this.baseLog = this.baseLog.child(this.logBindings);
      this.logBindings = null;
    }
    return this.baseLog;
  }

  get scope(): Scope {
    return (this.currentScope ??= createScope(this.orm));
  }

  enterEvent(payload: unknown): void {
    if (payload === null || typeof payload !== 'object') {
      this.currentScope = createScope(this.orm);
      return;
    }
    let byViewer = eventScopes.get(payload);
    if (!byViewer) eventScopes.set(payload, (byViewer = new Map()));
    const key = viewerKey(this.actor);
    let scope = byViewer.get(key);
    if (!scope) byViewer.set(key, (scope = createScope(this.orm)));
    this.currentScope = scope;
  }

  get em(): EntityManager {
    return this.scope.em;
  }
}

/** The one function that builds a GraphQL context, for HTTP and WebSocket alike. */
export function createContext(init: ContextInit): Context {
  return new GraphqlContext(init);
}

/** The memoised DataLoader named `key` in this request's scope. */
export function loader<T>(ctx: Context, key: string, create: () => T): T {
  return ctx.scope.memo(key, create);
}

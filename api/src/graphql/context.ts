import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Actor } from '../kernel/actor.js';
import { createScope, type Scope } from '../kernel/scope.js';
import type { PubSub } from './pubsub.js';
import type { Services } from '../server/compose.js';

/**
 * Per-operation state of the GraphQL adapter. Services never receive it: resolvers take `actor`,
 * `scope.em` and typed input out of it. On a subscription graphql-ws keeps one context for the whole
 * subscription, so `freshen()` gives every event its own scope (EntityManager fork and DataLoaders).
 */
export interface Context {
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
  freshen(): void;
  /** The scope's EntityManager (shorthand for `scope.em`). */
  readonly em: EntityManager;
}

/** What an adapter supplies; the scope, `freshen` and `em` are the context's own. */
type ContextInit = Omit<Context, 'scope' | 'freshen' | 'em'> & { orm: MikroORM };

/**
 * A class, not an object literal: Apollo copies the context's own properties per operation, so the
 * accessors must live on the prototype to keep working on the copy.
 */
class GraphqlContext implements Context {
  actor: Actor | null;
  scope: Scope;
  requestId: string;
  ip: string;
  userAgent: string | null;
  log: Logger;
  config: Config;
  pubsub: PubSub;
  services: Services;
  http?: Context['http'];
  private readonly orm: MikroORM;

  constructor(init: ContextInit) {
    this.orm = init.orm;
    this.actor = init.actor;
    this.scope = createScope(init.orm);
    this.requestId = init.requestId;
    this.ip = init.ip;
    this.userAgent = init.userAgent;
    this.log = init.log;
    this.config = init.config;
    this.pubsub = init.pubsub;
    this.services = init.services;
    this.http = init.http;
  }

  freshen(): void {
    this.scope = createScope(this.orm);
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

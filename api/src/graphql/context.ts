import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { PubSub } from './pubsub.js';
import type { Services } from '../services.js';

export interface Viewer {
  id: string;
  sessionId: string;
}

/**
 * Per-request state. On a subscription, graphql-ws keeps one context for the whole
 * subscription, so `freshen()` gives every event its own EntityManager fork and loaders.
 */
export interface Context {
  em: EntityManager;
  viewer: Viewer | null;
  requestId: string;
  ip: string;
  userAgent: string | null;
  log: Logger;
  config: Config;
  pubsub: PubSub;
  services: Services;
  /** DataLoaders of this request, created on first use by each feature's `*.loaders.ts`. */
  loaders: Map<string, unknown>;
  /** Set on HTTP requests: lets auth mutations set and clear the refresh cookie. */
  http?: { cookies: Record<string, string>; setCookie(header: string): void };
  freshen(): void;
}

export function createContext(base: {
  orm: MikroORM;
  viewer: Viewer | null;
  requestId: string;
  ip: string;
  userAgent: string | null;
  log: Logger;
  config: Config;
  pubsub: PubSub;
  services: Services;
  http?: Context['http'];
}): Context {
  const { orm, ...rest } = base;
  const context: Context = {
    ...rest,
    em: orm.em.fork(),
    loaders: new Map(),
    freshen() {
      context.em = orm.em.fork();
      context.loaders = new Map();
    },
  };
  return context;
}

/** The memoised DataLoader named `key` in this request. */
export function loader<T>(ctx: Context, key: string, create: () => T): T {
  let found = ctx.loaders.get(key) as T | undefined;
  if (!found) {
    found = create();
    ctx.loaders.set(key, found);
  }
  return found;
}

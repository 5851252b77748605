import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Services } from '../server/compose.js';

/** What a feature's REST adapter (`<feature>.routes.ts`) is given: it authenticates, builds a scope and calls a service. */
export interface RouteDeps {
  config: Config;
  orm: MikroORM;
  log: Logger;
  services: Services;
}

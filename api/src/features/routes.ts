import type { MikroORM } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { PubSub } from '../graphql/pubsub.js';
import type { ReadinessCheck } from '../http/health.js';
import type { TokenSigner } from '../lib/tokens.js';
import type { Services } from '../server/compose.js';
import { mediaRoutes } from './media/media.routes.js';
import { facechatRoutes } from './facechat/facechat.routes.js';

export interface RouteDeps {
  config: Config;
  orm: MikroORM;
  log: Logger;
  services: Services;
  signer: TokenSigner;
  pubsub: PubSub;
  readiness: Map<string, ReadinessCheck>;
}

/** HTTP routes outside GraphQL (uploads, webhooks), one line per feature. */
export function featureRoutes(deps: RouteDeps): Router[] {
  return [mediaRoutes(deps), facechatRoutes(deps)];
}

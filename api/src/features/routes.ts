import type { Router } from 'express';
import type { RouteDeps } from '../http/route-deps.js';
import { mediaRoutes } from './media/media.routes.js';
import { facechatRoutes } from './facechat/facechat.routes.js';
import { docsRoutes } from './docs/docs.routes.js';

/** HTTP routes outside GraphQL (uploads, webhooks), one line per feature. */
export function featureRoutes(deps: RouteDeps): Router[] {
  return [mediaRoutes(deps), facechatRoutes(deps), docsRoutes()];
}

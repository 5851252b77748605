// The notifications feature's public surface for services and repositories; GraphQL pieces are in graphql.ts.
export { Notification } from './notifications.entity.js';
export type { NotificationsService } from './notifications.service.js';

// The moderation feature's public surface for services and repositories; GraphQL pieces are in graphql.ts.
export { ModerationAction, type ModerationActionKind, type ModerationSubjectType } from './moderation.entity.js';
export type { ModerationLogService, ModerationEntry } from './moderation-log.service.js';
export { STAFF_ROLES, isStaff, requireStaff, requireAdmin } from './staff.js';

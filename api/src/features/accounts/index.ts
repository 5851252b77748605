// The accounts feature's public surface for services and repositories; GraphQL pieces are in graphql.ts.
export { User } from './accounts.entity.js';
export { userSelect, userJson, USER_COLUMNS } from './accounts.records.js';
export { containsPattern, type AccountsService, type AvatarOwners } from './accounts.service.js';
export { avatarMediaSql, removedHiddenSql } from './accounts.repository.js';
export { suspendedHiddenSql, eitherHidden, isSuspendedAt } from './accounts.suspension.js';
export type { AccountsStaffService, AdminUsersRequest } from './accounts.staff.service.js';

// The accounts feature's public surface: other features import only this file.

export { User } from './accounts.entity.js';
export { userById } from './accounts.loaders.js';
export { primeUser, userSelect, userJson, USER_COLUMNS } from './accounts.records.js';
/** @deprecated use `@Authorized()` + `@CurrentUser()` or `requireActor` (graphql/auth.ts). */
export { requireViewer } from './accounts.resolver.js';
export { containsPattern, type AccountsService, type AvatarOwners } from './accounts.service.js';
export { UserConnection, UserObject, UserPayload } from './accounts.types.js';

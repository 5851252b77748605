// The friends feature's public surface: other features import only this file.

export { areFriends, blockedSql, feedAuthorsSql, isBlockedEither } from './friends.relations.js';
export type { FriendsService } from './friends.service.js';

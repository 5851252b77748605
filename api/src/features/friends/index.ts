// The friends feature's public surface: other features import only this file.
// Friends owns friendships, follows and blocks: other features compose these fragments into their own queries.
export { blockedSql, blockedViewerSql, feedAuthorsSql, friendOfSql, privateHiddenSql } from './friends.repository.js';
export type { FriendsService } from './friends.service.js';
export { FRIENDSHIP_ENDED, USER_BLOCKED, type FriendshipEndedEvent, type UserBlockedEvent } from './friends.events.js';

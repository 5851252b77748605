// The friends feature's public surface: other features import only this file.
import type { Db } from '../../kernel/db.js';
import { FriendsRepository } from './friends.repository.js';

export { blockedSql, feedAuthorsSql, friendOfSql, type SqlFragment } from './friends.repository.js';
export type { FriendsService } from './friends.service.js';

// Deprecated free functions, kept only so features not yet taking `FriendsService` still compile until the merge.
// Call `services.friends.areFriends(em, a, b)` / `.isBlockedEither(em, a, b)` / `.friendIds(em, userId)` instead.
const relations = new FriendsRepository();
/** @deprecated use `FriendsService.areFriends(em, a, b)`. */
export const areFriends = (em: Db, a: string, b: string): Promise<boolean> => relations.areFriends(em, a, b);
/** @deprecated use `FriendsService.isBlockedEither(em, a, b)`. */
export const isBlockedEither = (em: Db, a: string, b: string): Promise<boolean> => relations.isBlockedEither(em, a, b);
/** @deprecated use `FriendsService.friendIds(em, userId)`. */
export const friendIds = (em: Db, userId: string): Promise<string[]> => relations.friendIds(em, userId);

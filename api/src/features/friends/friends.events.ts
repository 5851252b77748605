/**
 * Events friends publishes on the EventBus after a commit, for features that keep their own state about pairs of
 * users (facechat removes a blocked or unfriended user from rooms they may no longer be in). Friends never imports
 * those features: they subscribe (server/bootstrap.ts).
 */
export const USER_BLOCKED = 'friends:user-blocked';
export const FRIENDSHIP_ENDED = 'friends:friendship-ended';

/** `USER_BLOCKED`: raw ids. */
export interface UserBlockedEvent {
  blockerId: string;
  blockedId: string;
}
/** `FRIENDSHIP_ENDED` (unfriended, or ended by a block): raw ids. */
export interface FriendshipEndedEvent {
  a: string;
  b: string;
}

/** `feedPostAdded` of a user: a post just joined their home feed (a friend or someone they follow wrote it). */
export const feedTopic = (userId: string) => `feed:${userId}`;
export interface FeedPostEvent {
  postId: string;
}

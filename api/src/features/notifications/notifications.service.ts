import type { EntityManager } from '@mikro-orm/postgresql';
import type { PubSub } from '../../graphql/pubsub.js';
import type { AfterCommit } from '../../lib/transaction.js';
import { Notification, type NotificationKind } from './notifications.entity.js';

export interface NotifyInput {
  recipientId: string;
  type: NotificationKind;
  actorId?: string | null;
  postId?: string | null;
  commentId?: string | null;
  callId?: string | null;
  roomId?: string | null;
  mediaId?: string | null;
  /**
   * The same key for the same recipient within `dedupeWithinMs` (forever when omitted)
   * means the same event: nothing new is stored or pushed.
   */
  dedupeKey?: string;
  dedupeWithinMs?: number;
}

export const notificationTopic = (userId: string) => `notification:${userId}`;

/**
 * The inbox every feature writes to. A notification is stored in the caller's
 * transaction and pushed to `notificationAdded` only after that transaction commits.
 */
export class NotificationsService {
  constructor(private readonly pubsub: PubSub) {}

  async notify(tx: EntityManager, afterCommit: AfterCommit, input: NotifyInput): Promise<Notification | null> {
    if (input.actorId && input.actorId === input.recipientId) return null; // never about your own action
    if (input.dedupeKey) {
      const since = input.dedupeWithinMs ? new Date(Date.now() - input.dedupeWithinMs) : new Date(0);
      const seen = await tx.execute(
        'select 1 from notifications where recipient_id = ? and dedupe_key = ? and created_at > ? limit 1',
        [input.recipientId, input.dedupeKey, since]);
      if (seen.length) return null;
    }
    const notification = tx.create(Notification, {
      recipient: input.recipientId,
      type: input.type,
      actor: input.actorId ?? null,
      postId: input.postId ?? null,
      commentId: input.commentId ?? null,
      callId: input.callId ?? null,
      roomId: input.roomId ?? null,
      mediaId: input.mediaId ?? null,
      dedupeKey: input.dedupeKey ?? null,
      readAt: null,
    });
    await tx.flush();
    const id = notification.id;
    afterCommit(() => this.pubsub.publish(notificationTopic(input.recipientId), { notificationId: id }));
    return notification;
  }

  /** Deletes the notifications pointing at any of these (a deleted post, comments, room or call). */
  async removeAbout(tx: EntityManager, about: { postId?: string; commentIds?: string[]; roomId?: string; callId?: string }): Promise<void> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (about.postId) { clauses.push('post_id = ?'); params.push(about.postId); }
    if (about.commentIds?.length) { clauses.push('comment_id in (?)'); params.push(about.commentIds); }
    if (about.roomId) { clauses.push('room_id = ?'); params.push(about.roomId); }
    if (about.callId) { clauses.push('call_id = ?'); params.push(about.callId); }
    if (!clauses.length) return;
    await tx.execute(`delete from notifications where ${clauses.join(' or ')}`, params);
  }
}

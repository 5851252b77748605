import type { Actor } from '../../kernel/actor.js';
import type { AfterCommit, Db } from '../../kernel/db.js';
import type { EventBus } from '../../kernel/events.js';
import { paginate, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import type { Notification, NotificationKind } from './notifications.entity.js';
import type { NotificationSubjects, NotificationsRepository } from './notifications.repository.js';

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

export interface InboxRequest extends PageInput {
  unreadOnly?: boolean | null;
}

export type Inbox = ConnectionShape<Notification> & { unreadCount: () => Promise<number> };

export const notificationTopic = (userId: string) => `notification:${userId}`;

/**
 * The inbox every feature writes to. A notification is stored in the caller's
 * transaction and pushed to `notificationAdded` only after that transaction commits.
 */
export class NotificationsService {
  constructor(
    private readonly events: EventBus,
    private readonly repository: NotificationsRepository,
  ) {}

  async notify(tx: Db, afterCommit: AfterCommit, input: NotifyInput): Promise<Notification | null> {
    if (input.actorId && input.actorId === input.recipientId) return null; // never about your own action
    if (input.dedupeKey) {
      const since = input.dedupeWithinMs ? new Date(Date.now() - input.dedupeWithinMs) : new Date(0);
      if (await this.repository.seenSince(tx, input.recipientId, input.dedupeKey, since)) return null;
    }
    const notification = await this.repository.create(tx, {
      recipientId: input.recipientId,
      type: input.type,
      actorId: input.actorId ?? null,
      postId: input.postId ?? null,
      commentId: input.commentId ?? null,
      callId: input.callId ?? null,
      roomId: input.roomId ?? null,
      mediaId: input.mediaId ?? null,
      dedupeKey: input.dedupeKey ?? null,
    });
    const id = notification.id;
    afterCommit(() => this.events.publish(notificationTopic(input.recipientId), { notificationId: id }));
    return notification;
  }

  /** Deletes the notifications about a removed post, comments, room or call (in the caller's transaction). */
  removeAbout(tx: Db, about: NotificationSubjects): Promise<void> {
    return this.repository.removeAbout(tx, about);
  }

  byIds(em: Db, ids: readonly string[]): Promise<Notification[]> {
    return this.repository.findByIds(em, ids);
  }

  /** The actor's notifications, newest first; the counts run only when asked for. */
  async inbox(actor: Actor, em: Db, input: InboxRequest): Promise<Inbox> {
    const unreadOnly = Boolean(input.unreadOnly);
    const connection = await paginate({
      first: input.first,
      after: input.after,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => this.repository.inboxPage(em, actor.id, unreadOnly, limit, after),
      keyOf: (n: Notification) => [n.createdAt.toISOString(), n.id],
      count: () => this.repository.count(em, actor.id, unreadOnly),
    });
    return { ...connection, unreadCount: () => this.repository.count(em, actor.id, true) };
  }

  /** Marks the actor's notifications among `ids` (all when null) as read; how many changed. */
  async markRead(actor: Actor, em: Db, ids: string[] | null): Promise<number> {
    if (ids && !ids.length) return 0;
    return this.repository.markRead(em, actor.id, ids);
  }
}

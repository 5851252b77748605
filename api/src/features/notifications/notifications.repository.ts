import { keysetSql } from '../../kernel/pagination.js';
import { sql, type Db } from '../../kernel/db.js';
import { Notification, type NotificationKind } from './notifications.entity.js';

export interface NewNotification {
  recipientId: string;
  type: NotificationKind;
  actorId: string | null;
  postId: string | null;
  commentId: string | null;
  callId: string | null;
  roomId: string | null;
  mediaId: string | null;
  dedupeKey: string | null;
}

/** What other features' rows a notification may point at (see `NotificationsService.removeAbout`). */
export interface NotificationSubjects {
  postId?: string;
  commentIds?: string[];
  roomId?: string;
  callId?: string;
}

/** SQL predicate on notification `alias`: hidden from the viewer (e.g. about content staff removed); composed in server/compose.ts. */
export type HiddenNotificationSql = (alias: string, viewerId: string) => { sql: string; params: unknown[] };

/** Every statement on the notifications table. */
export class NotificationsRepository {
  constructor(private readonly hidden: readonly HiddenNotificationSql[] = []) {}

  private hiddenSql(alias: string, viewerId: string): { sql: string; params: unknown[] } {
    const parts = this.hidden.map((h) => h(alias, viewerId));
    return parts.length
      ? { sql: `not (${parts.map((p) => p.sql).join(' or ')})`, params: parts.flatMap((p) => p.params) }
      : { sql: 'true', params: [] };
  }

  findByIds(em: Db, ids: readonly string[]): Promise<Notification[]> {
    return em.find(Notification, { id: { $in: [...ids] } });
  }

  /** One page of the recipient's inbox, newest first, after the `(created_at, id)` keyset. */
  async inboxPage(
    em: Db,
    recipientId: string,
    unreadOnly: boolean,
    limit: number,
    after: (string | number)[] | null,
  ): Promise<Notification[]> {
    const keyset = keysetSql('n', after, 'desc');
    const visible = this.hiddenSql('n', recipientId);
    const rows = await sql<Record<string, unknown>>(
      em,
      `select n.* from notifications n where n.recipient_id = ? ${unreadOnly ? 'and n.read_at is null' : ''} and ${visible.sql} and ${keyset.sql}
        order by n.created_at desc, n.id desc limit ?`,
      [recipientId, ...visible.params, ...keyset.params, limit],
    );
    return rows.map((row) => em.map(Notification, row));
  }

  async count(em: Db, recipientId: string, unreadOnly: boolean): Promise<number> {
    const visible = this.hiddenSql('n', recipientId);
    const [row] = await sql<{ n: number }>(
      em,
      `select count(*)::int as n from notifications n where n.recipient_id = ? ${unreadOnly ? 'and n.read_at is null' : ''} and ${visible.sql}`,
      [recipientId, ...visible.params],
    );
    return row.n;
  }

  /** Marks the recipient's unread notifications among `ids` (all when null) as read; how many changed. */
  async markRead(em: Db, recipientId: string, ids: string[] | null): Promise<number> {
    const result = ids
      ? await em
          .getConnection()
          .execute(
            'update notifications set read_at = now() where recipient_id = ? and read_at is null and id = any(array[?]::uuid[])',
            [recipientId, ids],
            'run',
          )
      : await em
          .getConnection()
          .execute('update notifications set read_at = now() where recipient_id = ? and read_at is null', [recipientId], 'run');
    return (result as unknown as { affectedRows: number }).affectedRows;
  }

  async seenSince(tx: Db, recipientId: string, dedupeKey: string, since: Date): Promise<boolean> {
    const rows = await sql<{ one: number }>(
      tx,
      'select 1 as one from notifications where recipient_id = ? and dedupe_key = ? and created_at > ? limit 1',
      [recipientId, dedupeKey, since],
    );
    return rows.length > 0;
  }

  /** Stores the notification in `tx` (flushed now, so its id is final). */
  async create(tx: Db, input: NewNotification): Promise<Notification> {
    const notification = tx.create(Notification, {
      recipient: input.recipientId,
      type: input.type,
      actor: input.actorId,
      postId: input.postId,
      commentId: input.commentId,
      callId: input.callId,
      roomId: input.roomId,
      mediaId: input.mediaId,
      dedupeKey: input.dedupeKey,
      readAt: null,
    });
    await tx.flush();
    return notification;
  }

  /** Deletes the notifications pointing at any of the given subjects. */
  async removeAbout(tx: Db, about: NotificationSubjects): Promise<void> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (about.postId) {
      where.push('post_id = ?');
      params.push(about.postId);
    }
    if (about.commentIds?.length) {
      where.push('comment_id = any(array[?]::uuid[])');
      params.push(about.commentIds);
    }
    if (about.roomId) {
      where.push('room_id = ?');
      params.push(about.roomId);
    }
    if (about.callId) {
      where.push('call_id = ?');
      params.push(about.callId);
    }
    if (!where.length) return;
    await tx.execute(`delete from notifications where ${where.join(' or ')}`, params);
  }
}

/**
 * Read marks (`conversation_members.last_read_message_id` / `last_read_at`) and what they make unread: messages by
 * others after the mark, in the `(created_at, id)` order of the history.
 */
import { sql, type Db } from '../../kernel/db.js';
import { isUuid } from '../../kernel/ids.js';
import type { ReadMarkRow } from './messages.rows.js';

export interface CountRow {
  conversationId: string;
  n: number;
}

export class ReadMarksRepository {
  /**
   * Moves the member's read mark to `messageId` unless it already is at that message or a newer one; the mark as it is
   * afterwards, and whether it moved.
   */
  async moveReadMark(
    tx: Db,
    conversationId: string,
    userId: string,
    messageId: string,
    at: Date,
  ): Promise<{ moved: boolean; mark: ReadMarkRow }> {
    const moved = await sql<{ one: number }>(
      tx,
      `update conversation_members m set last_read_message_id = ?, last_read_at = ?
        where m.conversation_id = ? and m.user_id = ?
          and not exists (select 1 from direct_messages cur, direct_messages nw
                           where cur.id = m.last_read_message_id and nw.id = ?::uuid
                             and (nw.created_at, nw.id) <= (cur.created_at, cur.id))
        returning 1 as one`,
      [messageId, at, conversationId, userId, messageId],
    );
    const [mark] = await this.readMarks(tx, [conversationId], userId);
    return { moved: moved.length > 0, mark };
  }

  /** Read marks of many conversations' members (only `userId`'s when given). */
  async readMarks(em: Db, conversationIds: readonly string[], userId?: string): Promise<ReadMarkRow[]> {
    const ids = conversationIds.filter(isUuid);
    if (!ids.length) return [];
    const rows = await sql<ReadMarkRow & { lastReadAt: Date | string | null }>(
      em,
      `select conversation_id as "conversationId", user_id as "userId", last_read_message_id as "lastReadMessageId",
              last_read_at as "lastReadAt"
         from conversation_members where conversation_id in (?) and (?::uuid is null or user_id = ?::uuid)
        order by joined_at, user_id`,
      [ids, userId ?? null, userId ?? null],
    );
    return rows.map((r) => ({ ...r, lastReadAt: r.lastReadAt ? new Date(r.lastReadAt) : null }));
  }

  /** Messages by others after the viewer's read mark, per conversation (conversations without any are left out). */
  async unreadCounts(em: Db, viewerId: string, conversationIds: readonly string[]): Promise<CountRow[]> {
    const ids = conversationIds.filter(isUuid);
    if (!ids.length || !isUuid(viewerId)) return [];
    return sql<CountRow>(
      em,
      `select m.conversation_id as "conversationId", count(d.id)::int as n
         from conversation_members m
         left join direct_messages lr on lr.id = m.last_read_message_id
         join direct_messages d on d.conversation_id = m.conversation_id and d.author_id <> m.user_id
              and (lr.id is null or (d.created_at, d.id) > (lr.created_at, lr.id))
        where m.user_id = ? and m.conversation_id in (?)
        group by m.conversation_id`,
      [viewerId, ids],
    );
  }

  /** How many of the viewer's conversations hold a message by someone else after the viewer's read mark. */
  async unreadConversationCount(em: Db, viewerId: string): Promise<number> {
    const [row] = await sql<{ n: number }>(
      em,
      `select count(*)::int as n from conversation_members m
         left join direct_messages lr on lr.id = m.last_read_message_id
        where m.user_id = ? and exists (
          select 1 from direct_messages d where d.conversation_id = m.conversation_id and d.author_id <> m.user_id
             and (lr.id is null or (d.created_at, d.id) > (lr.created_at, lr.id)))`,
      [viewerId],
    );
    return row.n;
  }
}

/**
 * SQL of the in-room chat (`chat_messages`). Authors blocked either way with the viewer, and suspended authors
 * (unless the viewer is staff), are left out of reads.
 */
import { eitherHidden, removedHiddenSql, suspendedHiddenSql } from '../accounts/index.js';
import { blockedSql } from '../friends/index.js';
import { sql, type Db } from '../../kernel/db.js';
import { keysetSql } from '../../kernel/pagination.js';
import { ChatMessage, type ChatMessageKindValue } from './chat.entity.js';

const hiddenAuthorSql = (column: string, viewerId: string | null) =>
  eitherHidden(blockedSql(column, viewerId), suspendedHiddenSql(column, viewerId));

export interface NewChatMessage {
  roomId: string;
  authorId: string;
  kind: ChatMessageKindValue;
  body: string;
  mediaId: string | null;
}

export class ChatRepository {
  async insert(tx: Db, input: NewChatMessage): Promise<ChatMessage> {
    const message = tx.create(ChatMessage, { ...input, createdAt: new Date() });
    await tx.flush();
    return message;
  }

  async byIds(em: Db, viewerId: string | null, ids: readonly string[]): Promise<ChatMessage[]> {
    const hidden = hiddenAuthorSql('m.author_id', viewerId);
    const removed = removedHiddenSql('m', viewerId);
    const rows = await sql<Record<string, unknown>>(
      em,
      `select m.* from chat_messages m where m.id in (?) and not (${hidden.sql}) and not ${removed.sql}`,
      [[...ids], ...hidden.params, ...removed.params],
    );
    return rows.map((row) => em.map(ChatMessage, row));
  }

  /** A page of the room's chat, newest first. */
  async page(em: Db, viewerId: string | null, roomId: string, limit: number, after: (string | number)[] | null): Promise<ChatMessage[]> {
    const hidden = hiddenAuthorSql('m.author_id', viewerId);
    const removed = removedHiddenSql('m', viewerId);
    const key = keysetSql('m', after, 'desc');
    const rows = await sql<Record<string, unknown>>(
      em,
      `select m.* from chat_messages m where m.room_id = ? and not (${hidden.sql}) and not ${removed.sql} and ${key.sql}
       order by m.created_at desc, m.id desc limit ?`,
      [roomId, ...hidden.params, ...removed.params, ...key.params, limit],
    );
    return rows.map((row) => em.map(ChatMessage, row));
  }

  async count(em: Db, viewerId: string | null, roomId: string): Promise<number> {
    const hidden = hiddenAuthorSql('m.author_id', viewerId);
    const removed = removedHiddenSql('m', viewerId);
    return (
      await sql<{ n: number }>(
        em,
        `select count(*)::int as n from chat_messages m where m.room_id = ? and not (${hidden.sql}) and not ${removed.sql}`,
        [roomId, ...hidden.params, ...removed.params],
      )
    )[0].n;
  }

  /** Sets or clears (`by` null) the staff removal of a message; false when there is no such message. */
  async setRemoved(tx: Db, id: string, by: string | null): Promise<boolean> {
    const rows = await sql<{ id: string }>(
      tx,
      'update chat_messages set removed_at = case when ?::uuid is null then null else now() end, removed_by_id = ? where id = ? returning id',
      [by, by, id],
    );
    return rows.length > 0;
  }
}

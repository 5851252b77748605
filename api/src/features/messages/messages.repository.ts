/**
 * Every query on the direct-message tables (migration DirectMessages): `conversations`, `conversation_members`
 * (primary key (conversation_id, user_id), read marks) and `direct_messages` (newest-first index per conversation).
 * Messages are ordered by `(created_at, id)` everywhere: pages, unread counts and read marks agree.
 */
import { blockedSql } from '../friends/index.js';
import { sql, type Db } from '../../kernel/db.js';
import { isUuid } from '../../kernel/ids.js';
import { keysetSql, timeKeyAfter } from '../../kernel/pagination.js';
import { toConversation, toDirectMessage, type ConversationRecord, type DirectMessageRecord } from './messages.rows.js';

type SqlFragment = { sql: string; params: unknown[] };

/** SQL for media: the media `alias` is attached to a direct message (an upload in use is never cleaned up). */
export function directMessageMediaSql(alias: string): SqlFragment {
  return { sql: `exists (select 1 from direct_messages _dmm where _dmm.media_id = ${alias}.id)`, params: [] };
}

/** SQL for media: the media `alias` is an image in a conversation the viewer is a member of. */
export function conversationMediaSql(alias: string, viewerId: string | null): SqlFragment {
  if (!isUuid(viewerId)) return { sql: 'false', params: [] };
  return {
    sql:
      `exists (select 1 from direct_messages _dmv join conversation_members _dmc on _dmc.conversation_id = _dmv.conversation_id` +
      ` where _dmv.media_id = ${alias}.id and _dmc.user_id = ?::uuid)`,
    params: [viewerId],
  };
}

export interface NewConversation {
  title: string | null;
  isGroup: boolean;
  directKey: string | null;
  createdById: string;
  memberIds: string[];
}

/** What a new message stores; the id is made by the database. */
export type NewDirectMessage = Omit<DirectMessageRecord, '__typename' | 'id'>;

export interface MemberRow {
  conversationId: string;
  userId: string;
}

/** A member of a conversation and whether a block separates them from the viewer. */
export interface MemberBlockRow extends MemberRow {
  blocked: boolean;
}

/** A conversation is listed once it holds a message, and for whoever started it from the start. */
const LISTED = '(c.last_message_id is not null or c.created_by_id = ?::uuid)';

export class MessagesRepository {
  /** Serialises the creation of one pair's 1:1 conversation (two tabs starting it at once make one). */
  async lockDirectKey(tx: Db, directKey: string): Promise<void> {
    await sql(tx, `select pg_advisory_xact_lock(hashtextextended('dm:' || ?::text, 0))`, [directKey]);
  }

  async findDirect(em: Db, directKey: string): Promise<ConversationRecord | null> {
    const [row] = await sql<Record<string, unknown>>(em, 'select * from conversations where direct_key = ?', [directKey]);
    return row ? toConversation(row) : null;
  }

  async insertConversation(tx: Db, input: NewConversation): Promise<ConversationRecord> {
    const now = new Date();
    const [row] = await sql<Record<string, unknown>>(
      tx,
      `insert into conversations (id, title, is_group, direct_key, created_by_id, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?) returning *`,
      [input.title, input.isGroup, input.directKey, input.createdById, now, now],
    );
    const conversation = toConversation(row);
    await sql(
      tx,
      `insert into conversation_members (conversation_id, user_id, joined_at)
       select ?::uuid, u.id, ? from unnest(array[?]::uuid[]) as u(id)`,
      [conversation.id, now, input.memberIds],
    );
    return conversation;
  }

  /** The conversation row locked until the transaction ends (one message at a time moves `last_message_id`). */
  async lockConversation(tx: Db, conversationId: string): Promise<ConversationRecord | null> {
    if (!isUuid(conversationId)) return null;
    const [row] = await sql<Record<string, unknown>>(tx, 'select * from conversations where id = ? for update', [conversationId]);
    return row ? toConversation(row) : null;
  }

  async isMember(em: Db, conversationId: string, userId: string): Promise<boolean> {
    if (!isUuid(conversationId) || !isUuid(userId)) return false;
    const rows = await sql<{ one: number }>(em, 'select 1 as one from conversation_members where conversation_id = ? and user_id = ?', [
      conversationId,
      userId,
    ]);
    return rows.length > 0;
  }

  /** Members of many conversations, in the order they joined (then by id). */
  async members(em: Db, conversationIds: readonly string[]): Promise<MemberRow[]> {
    const ids = conversationIds.filter(isUuid);
    if (!ids.length) return [];
    return sql<MemberRow>(
      em,
      `select conversation_id as "conversationId", user_id as "userId" from conversation_members
        where conversation_id in (?) order by joined_at, user_id`,
      [ids],
    );
  }

  /** The viewer's fellow members in many conversations, each with whether a block separates them from the viewer. */
  async otherMembersWithBlocks(em: Db, viewerId: string, conversationIds: readonly string[]): Promise<MemberBlockRow[]> {
    const ids = conversationIds.filter(isUuid);
    if (!ids.length) return [];
    const blocked = blockedSql('m.user_id', viewerId);
    return sql<MemberBlockRow>(
      em,
      `select m.conversation_id as "conversationId", m.user_id as "userId", (${blocked.sql}) as blocked
         from conversation_members m where m.conversation_id in (?) and m.user_id <> ?::uuid`,
      [...blocked.params, ids, viewerId],
    );
  }

  /** Conversations by raw id that the viewer is a member of. */
  async conversationsOf(em: Db, viewerId: string, ids: readonly string[]): Promise<ConversationRecord[]> {
    const wanted = ids.filter(isUuid);
    if (!wanted.length || !isUuid(viewerId)) return [];
    const rows = await sql<Record<string, unknown>>(
      em,
      `select c.* from conversations c join conversation_members m on m.conversation_id = c.id and m.user_id = ?
        where c.id in (?)`,
      [viewerId, wanted],
    );
    return rows.map(toConversation);
  }

  /** A page of the viewer's conversations, most recent activity first. */
  async conversationsPage(em: Db, viewerId: string, limit: number, after: (string | number)[] | null): Promise<ConversationRecord[]> {
    const [time, id] = timeKeyAfter(after);
    const rows = await sql<Record<string, unknown>>(
      em,
      `select c.* from conversations c join conversation_members m on m.conversation_id = c.id and m.user_id = ?
        where ${LISTED} and (?::timestamptz is null or (c.updated_at, c.id) < (?::timestamptz, ?::uuid))
        order by c.updated_at desc, c.id desc limit ?`,
      [viewerId, viewerId, time, time, id, limit],
    );
    return rows.map(toConversation);
  }

  async countConversations(em: Db, viewerId: string): Promise<number> {
    const [row] = await sql<{ n: number }>(
      em,
      `select count(*)::int as n from conversations c join conversation_members m on m.conversation_id = c.id and m.user_id = ?
        where ${LISTED}`,
      [viewerId, viewerId],
    );
    return row.n;
  }

  /** A page of a conversation's messages, newest first. */
  async messagesPage(em: Db, conversationId: string, limit: number, after: (string | number)[] | null): Promise<DirectMessageRecord[]> {
    const key = keysetSql('d', after, 'desc');
    const rows = await sql<Record<string, unknown>>(
      em,
      `select d.* from direct_messages d where d.conversation_id = ? and ${key.sql} order by d.created_at desc, d.id desc limit ?`,
      [conversationId, ...key.params, limit],
    );
    return rows.map(toDirectMessage);
  }

  async countMessages(em: Db, conversationId: string): Promise<number> {
    const [row] = await sql<{ n: number }>(em, 'select count(*)::int as n from direct_messages where conversation_id = ?', [
      conversationId,
    ]);
    return row.n;
  }

  /** Messages by raw id in conversations the viewer is a member of. */
  async messagesOf(em: Db, viewerId: string, ids: readonly string[]): Promise<DirectMessageRecord[]> {
    const wanted = ids.filter(isUuid);
    if (!wanted.length || !isUuid(viewerId)) return [];
    const rows = await sql<Record<string, unknown>>(
      em,
      `select d.* from direct_messages d join conversation_members m on m.conversation_id = d.conversation_id and m.user_id = ?
        where d.id in (?)`,
      [viewerId, wanted],
    );
    return rows.map(toDirectMessage);
  }

  /** The newest message of a conversation, or one message of it by id (null when not in that conversation). */
  async messageIn(em: Db, conversationId: string, messageId: string | null): Promise<DirectMessageRecord | null> {
    const [row] = messageId
      ? await sql<Record<string, unknown>>(em, 'select * from direct_messages where id = ? and conversation_id = ?', [
          messageId,
          conversationId,
        ])
      : await sql<Record<string, unknown>>(
          em,
          'select * from direct_messages where conversation_id = ? order by created_at desc, id desc limit 1',
          [conversationId],
        );
    return row ? toDirectMessage(row) : null;
  }

  /** Stores a message and makes it the conversation's newest (the conversation row is locked by the caller). */
  async insertMessage(tx: Db, input: NewDirectMessage): Promise<DirectMessageRecord> {
    const [row] = await sql<Record<string, unknown>>(
      tx,
      `insert into direct_messages (id, conversation_id, author_id, kind, body, media_id, call_id, call_duration_seconds, client_id, created_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`,
      [
        input.conversationId,
        input.authorId,
        input.kind,
        input.body,
        input.mediaId,
        input.callId,
        input.callDurationSeconds,
        input.clientId,
        input.createdAt,
      ],
    );
    const message = toDirectMessage(row);
    await sql(tx, 'update conversations set last_message_id = ?, updated_at = ? where id = ?', [
      message.id,
      message.createdAt,
      message.conversationId,
    ]);
    return message;
  }

  /** Whether the call already has its message (call events are written once). */
  async hasCallMessage(em: Db, callId: string): Promise<boolean> {
    const rows = await sql<{ one: number }>(em, 'select 1 as one from direct_messages where call_id = ?', [callId]);
    return rows.length > 0;
  }
}

import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export const DIRECT_MESSAGE_KINDS = ['TEXT', 'CALL_MISSED', 'CALL_ENDED'] as const;
export type DirectMessageKindValue = (typeof DIRECT_MESSAGE_KINDS)[number];

/** Foreign keys as `mapToPk` relations: the property is the raw id; a deleted conversation or user takes its rows along. */
const FK = { mapToPk: true, deleteRule: 'cascade', updateRule: 'no action' } as const;

/**
 * A direct conversation between 2–8 people. A 1:1 conversation has `directKey` (the two user ids, sorted), so there is
 * at most one per pair; a group has none. `updatedAt` moves with every message (the list's order).
 */
@Entity({ tableName: 'conversations' })
@Index({
  name: 'conversations_updated_idx',
  expression: 'create index "conversations_updated_idx" on "conversations" ("updated_at" desc, "id" desc)',
})
export class Conversation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 100, nullable: true })
  title: string | null = null;

  @Property({ type: 'boolean', default: false })
  isGroup: boolean = false;

  /** `<smaller user id>:<larger user id>` of a 1:1 conversation; null for groups. */
  @Property({ type: 'string', length: 80, nullable: true, unique: 'conversations_direct_key_key' })
  directKey: string | null = null;

  @ManyToOne('User', { mapToPk: true, fieldName: 'created_by_id', nullable: true, deleteRule: 'set null', updateRule: 'no action' })
  createdById: string | null = null;

  /** The newest message (no foreign key: written in the same transaction as the message). */
  @Property({ type: 'uuid', nullable: true })
  lastMessageId: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** One member of a conversation and their read mark (the newest message they have read). */
@Entity({ tableName: 'conversation_members' })
@Index({ name: 'conversation_members_user_idx', properties: ['userId', 'conversationId'] })
export class ConversationMember {
  [PrimaryKeyProp]?: ['conversationId', 'userId'];

  @ManyToOne('Conversation', { ...FK, primary: true, fieldName: 'conversation_id' })
  conversationId!: string;

  @ManyToOne('User', { ...FK, primary: true, fieldName: 'user_id' })
  userId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  joinedAt: Date = new Date();

  /** No foreign key: a mark is only ever moved forward to a message of the same conversation. */
  @Property({ type: 'uuid', nullable: true })
  lastReadMessageId: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastReadAt: Date | null = null;
}

/** One message: typed text and/or an image (TEXT), or a call event between the two people of a 1:1 conversation. */
@Entity({ tableName: 'direct_messages' })
@Index({
  name: 'direct_messages_conversation_idx',
  expression: 'create index "direct_messages_conversation_idx" on "direct_messages" ("conversation_id", "created_at" desc, "id" desc)',
})
@Index({
  name: 'direct_messages_media_idx',
  expression: 'create index "direct_messages_media_idx" on "direct_messages" ("media_id") where "media_id" is not null',
})
@Unique({ name: 'direct_messages_call_key', properties: ['callId'] })
export class DirectMessage {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Conversation', { ...FK, fieldName: 'conversation_id' })
  conversationId!: string;

  @ManyToOne('User', { ...FK, fieldName: 'author_id' })
  authorId!: string;

  /** One of DIRECT_MESSAGE_KINDS (written only by the service). */
  @Property({ type: 'string', length: 12, default: 'TEXT' })
  kind: DirectMessageKindValue = 'TEXT';

  @Property({ type: 'string', length: 2000, nullable: true })
  body: string | null = null;

  /** The attached image; a deleted upload leaves the message without it. */
  @ManyToOne('Media', { mapToPk: true, fieldName: 'media_id', nullable: true, deleteRule: 'set null', updateRule: 'no action' })
  mediaId: string | null = null;

  /** CALL_* messages: the call (one message per call). No foreign key: the history outlives the call's rows. */
  @Property({ type: 'uuid', nullable: true })
  callId: string | null = null;

  @Property({ type: 'integer', nullable: true })
  callDurationSeconds: number | null = null;

  /** Echoed to the author's clients, to match an optimistic message. */
  @Property({ type: 'string', length: 64, nullable: true })
  clientId: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

export const messageEntities = [Conversation, ConversationMember, DirectMessage];

import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

const CHAT_MESSAGE_KINDS = ['TEXT', 'SCREENSHOT'] as const;
export type ChatMessageKindValue = (typeof CHAT_MESSAGE_KINDS)[number];

/** Foreign keys as `mapToPk` relations: the property is the raw id; a deleted room or author takes the messages along. */
const FK = { mapToPk: true, deleteRule: 'cascade', updateRule: 'no action' } as const;

/** One in-room chat message; SCREENSHOT messages are written by the screenshot hook, not typed. */
@Entity({ tableName: 'chat_messages' })
@Index({
  name: 'chat_messages_room_idx',
  expression: 'create index "chat_messages_room_idx" on "chat_messages" ("room_id", "created_at" desc, "id" desc)',
})
export class ChatMessage {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Room', { ...FK, fieldName: 'room_id' })
  roomId!: string;

  @ManyToOne('User', { ...FK, fieldName: 'author_id' })
  authorId!: string;

  @Enum({ items: [...CHAT_MESSAGE_KINDS], columnType: 'varchar(12)', default: 'TEXT' })
  kind: ChatMessageKindValue = 'TEXT';

  @Property({ type: 'string', length: 1000 })
  body!: string;

  /** The screenshot's media id; no foreign key (the message stays when the media goes). */
  @Property({ type: 'uuid', nullable: true })
  mediaId: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  /** Set by staff (moderation's removeContent): hidden from everyone but staff, not deleted. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  removedAt: Date | null = null;

  @ManyToOne('User', { mapToPk: true, fieldName: 'removed_by_id', nullable: true, deleteRule: 'set null', updateRule: 'no action' })
  removedById: string | null = null;
}

export const chatEntities = [ChatMessage];

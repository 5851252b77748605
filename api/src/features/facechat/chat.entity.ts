import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export type ChatMessageKindValue = 'TEXT' | 'SCREENSHOT';

/** One in-room chat message; SCREENSHOT messages are written by the screenshot hook, not typed. */
@Entity({ tableName: 'chat_messages' })
export class ChatMessage {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  roomId!: string;

  @Property({ type: 'uuid' })
  authorId!: string;

  @Property({ type: 'string', length: 12 })
  kind: ChatMessageKindValue = 'TEXT';

  @Property({ type: 'string', length: 1000 })
  body!: string;

  @Property({ type: 'uuid', nullable: true })
  mediaId: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

export const chatEntities = [ChatMessage];

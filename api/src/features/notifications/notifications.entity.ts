import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../accounts/index.js';

/** Kept in step with the contract's NotificationType enum. */
export const NOTIFICATION_TYPES = [
  'LIKE',
  'COMMENT',
  'REPLY',
  'FRIEND_REQUEST',
  'FRIEND_ACCEPTED',
  'FOLLOW',
  'PHOTO_TAG',
  'MISSED_CALL',
  'SCREENSHOT',
  /** One of the recipient's reports was handled (never says how). */
  'REPORT_RESOLVED',
  /** The recipient was @mentioned in a post or a comment they may see. */
  'MENTION',
] as const;
export type NotificationKind = (typeof NOTIFICATION_TYPES)[number];

/**
 * One inbox entry. The subject columns are plain ids, so a feature adds its own
 * notification type without this table knowing its entities; each feature resolves
 * `post`, `comment`, `call` … on the GraphQL type with its own loaders.
 */
@Entity({ tableName: 'notifications' })
@Index({
  name: 'notifications_recipient_created_idx',
  expression: 'create index "notifications_recipient_created_idx" on "notifications" ("recipient_id", "created_at" desc, "id" desc)',
})
@Index({
  name: 'notifications_unread_idx',
  expression: 'create index "notifications_unread_idx" on "notifications" ("recipient_id") where "read_at" is null',
})
@Index({ name: 'notifications_dedupe_idx', properties: ['recipient', 'dedupeKey', 'createdAt'] })
export class Notification {
  [OptionalProps]?: 'createdAt' | 'actor' | 'postId' | 'commentId' | 'callId' | 'roomId' | 'mediaId' | 'dedupeKey' | 'readAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade', updateRule: 'no action' })
  recipient!: User;

  @Property({ type: 'string', length: 32 })
  type!: NotificationKind;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'cascade', updateRule: 'no action' })
  actor: User | null = null;

  @Property({ type: 'uuid', nullable: true })
  postId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  commentId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  callId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  roomId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  mediaId: string | null = null;

  /** Same key for the same recipient = the same event; used to avoid notifying twice. */
  @Property({ type: 'string', length: 200, nullable: true })
  dedupeKey: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  readAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

export const notificationEntities = [Notification];

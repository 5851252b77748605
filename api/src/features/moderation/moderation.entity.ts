import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** Kept in step with the contract's ModerationActionType enum. */
export const MODERATION_ACTION_TYPES = [
  'REMOVE_CONTENT',
  'RESTORE_CONTENT',
  'SUSPEND_USER',
  'REINSTATE_USER',
  'END_ROOM',
  'RESOLVE_REPORT',
  'DISMISS_REPORT',
  'SET_ROLE',
] as const;
export type ModerationActionKind = (typeof MODERATION_ACTION_TYPES)[number];

/**
 * What a moderation action was about: the GraphQL type name of its subject, so `subjectId` is the
 * subject's global id (`toGlobalId(subjectType, subjectId)`) without this table knowing the other features.
 */
export const MODERATION_SUBJECT_TYPES = ['User', 'Post', 'Comment', 'FacechatRoom', 'ChatMessage', 'Report'] as const;
export type ModerationSubjectType = (typeof MODERATION_SUBJECT_TYPES)[number];

/** One line of the moderation log: who did what to which subject, why and when. Never updated. */
@Entity({ tableName: 'moderation_actions' })
@Index({
  name: 'moderation_actions_created_idx',
  expression: 'create index "moderation_actions_created_idx" on "moderation_actions" ("created_at" desc, "id" desc)',
})
@Index({ name: 'moderation_actions_subject_idx', properties: ['subjectType', 'subjectId'] })
export class ModerationAction {
  [OptionalProps]?: 'createdAt' | 'reason';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 32 })
  type!: ModerationActionKind;

  /** The staff member (or, for the command line, see admin-cli.ts). A user is never deleted while the log names them. */
  @ManyToOne('User', { mapToPk: true, fieldName: 'moderator_id', deleteRule: 'restrict', updateRule: 'no action' })
  @Index({ name: 'moderation_actions_moderator_id_index' })
  moderator!: string;

  @Property({ type: 'string', length: 32 })
  subjectType!: ModerationSubjectType;

  @Property({ type: 'uuid' })
  subjectId!: string;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

export const moderationEntities = [ModerationAction];

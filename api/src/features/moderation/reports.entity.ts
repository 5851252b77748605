import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** Kept in step with the contract's ReportReason enum. */
export const REPORT_REASONS = ['SPAM', 'HARASSMENT', 'HATE', 'NUDITY', 'VIOLENCE', 'SELF_HARM', 'IMPERSONATION', 'OTHER'] as const;
export type ReportReasonValue = (typeof REPORT_REASONS)[number];
export const REPORT_STATUSES = ['OPEN', 'RESOLVED', 'DISMISSED'] as const;
export type ReportStatusValue = (typeof REPORT_STATUSES)[number];
/** What a report may be about: the GraphQL type name of its subject. */
export const REPORT_SUBJECT_TYPES = ['User', 'Post', 'Comment', 'FacechatRoom', 'ChatMessage'] as const;
export type ReportSubjectType = (typeof REPORT_SUBJECT_TYPES)[number];

/**
 * A user's report about a user, post, comment, room or chat message. The subject is a plain id (no foreign key: the
 * report outlives its subject, which then resolves to null). One OPEN report per reporter and subject.
 */
@Entity({ tableName: 'reports' })
@Index({
  name: 'reports_open_reporter_subject_uniq',
  expression:
    'create unique index "reports_open_reporter_subject_uniq" on "reports" ("reporter_id", "subject_type", "subject_id") where "status" = \'OPEN\'',
})
@Index({
  name: 'reports_status_created_idx',
  expression: 'create index "reports_status_created_idx" on "reports" ("status", "created_at", "id")',
})
@Index({
  name: 'reports_subject_idx',
  expression: 'create index "reports_subject_idx" on "reports" ("subject_id") where "status" = \'OPEN\'',
})
export class Report {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('User', { mapToPk: true, fieldName: 'reporter_id', deleteRule: 'cascade', updateRule: 'no action' })
  reporterId!: string;

  @Enum({ items: [...REPORT_SUBJECT_TYPES], columnType: 'varchar(16)' })
  subjectType!: ReportSubjectType;

  @Property({ type: 'uuid' })
  subjectId!: string;

  @Enum({ items: [...REPORT_REASONS], columnType: 'varchar(16)' })
  reason!: ReportReasonValue;

  @Property({ type: 'string', length: 1000, nullable: true })
  comment: string | null = null;

  @Enum({ items: [...REPORT_STATUSES], columnType: 'varchar(12)', default: 'OPEN' })
  status: ReportStatusValue = 'OPEN';

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;

  @ManyToOne('User', { mapToPk: true, fieldName: 'resolved_by_id', nullable: true, deleteRule: 'set null', updateRule: 'no action' })
  resolvedById: string | null = null;

  @Property({ type: 'string', length: 1000, nullable: true })
  resolution: string | null = null;
}

export const reportEntities = [Report];

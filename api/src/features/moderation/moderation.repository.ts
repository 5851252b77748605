import { keysetSql } from '../../kernel/pagination.js';
import { sql, type Db } from '../../kernel/db.js';
import { ModerationAction, type ModerationActionKind, type ModerationSubjectType } from './moderation.entity.js';

export interface NewModerationAction {
  type: ModerationActionKind;
  moderatorId: string;
  subjectType: ModerationSubjectType;
  subjectId: string;
  reason: string | null;
}

export interface ModerationLogFilter {
  type: ModerationActionKind | null;
  moderatorId: string | null;
  /** The subject acted on (its GraphQL type name and raw id). */
  subject: { type: string; id: string } | null;
}

function filterSql(filter: ModerationLogFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (part: string, ...values: unknown[]) => {
    parts.push(part);
    params.push(...values);
  };
  if (filter.type) add('m.type = ?', filter.type);
  if (filter.moderatorId) add('m.moderator_id = ?', filter.moderatorId);
  if (filter.subject) add('m.subject_type = ? and m.subject_id = ?', filter.subject.type, filter.subject.id);
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
}

/** Every statement on the moderation log. */
export class ModerationLogRepository {
  /** Stores the entry in `tx` (flushed now, so it commits or rolls back with the action it records). */
  async create(tx: Db, input: NewModerationAction): Promise<ModerationAction> {
    const action = tx.create(ModerationAction, {
      type: input.type,
      moderator: input.moderatorId,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      reason: input.reason,
    });
    await tx.flush();
    return action;
  }

  findByIds(em: Db, ids: readonly string[]): Promise<ModerationAction[]> {
    return em.find(ModerationAction, { id: { $in: [...ids] } });
  }

  /** One page of the log, newest first, after the `(created_at, id)` keyset. */
  async page(em: Db, filter: ModerationLogFilter, limit: number, after: (string | number)[] | null): Promise<ModerationAction[]> {
    const keyset = keysetSql('m', after, 'desc');
    const where = filterSql(filter);
    const rows = await sql<Record<string, unknown>>(
      em,
      `select m.* from moderation_actions m where ${where.sql} and ${keyset.sql} order by m.created_at desc, m.id desc limit ?`,
      [...where.params, ...keyset.params, limit],
    );
    return rows.map((row) => em.map(ModerationAction, row));
  }

  async count(em: Db, filter: ModerationLogFilter): Promise<number> {
    const where = filterSql(filter);
    const [row] = await sql<{ n: number }>(em, `select count(*)::int as n from moderation_actions m where ${where.sql}`, where.params);
    return row.n;
  }
}

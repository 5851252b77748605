import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { sql, type Db } from '../../kernel/db.js';
import { keysetSql } from '../../kernel/pagination.js';
import { Report, type ReportReasonValue, type ReportStatusValue, type ReportSubjectType } from './reports.entity.js';

export interface NewReport {
  reporterId: string;
  subjectType: ReportSubjectType;
  subjectId: string;
  reason: ReportReasonValue;
  comment: string | null;
}

export interface OpenReportCountRow {
  subjectId: string;
  n: number;
}

/** Every statement on the reports table. */
export class ReportsRepository {
  /** The new report, or null when the reporter already has an OPEN one about the subject (the unique partial index). */
  async insertOpen(tx: Db, data: NewReport): Promise<Report | null> {
    const existing = await tx.findOne(Report, { reporterId: data.reporterId, subjectId: data.subjectId, status: 'OPEN' });
    if (existing) return null;
    const report = tx.create(Report, { ...data, status: 'OPEN', createdAt: new Date() });
    try {
      await tx.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return null;
      throw error;
    }
    return report;
  }

  byIds(em: Db, ids: readonly string[]): Promise<Report[]> {
    return em.find(Report, { id: { $in: [...ids] } });
  }

  /** Oldest first, keyset on (created_at, id); every status when `status` is null. */
  async page(em: Db, status: ReportStatusValue | null, limit: number, after: (string | number)[] | null): Promise<Report[]> {
    const key = keysetSql('r', after, 'asc');
    const rows = await sql<Record<string, unknown>>(
      em,
      `select r.* from reports r where (?::varchar is null or r.status = ?) and ${key.sql} order by r.created_at, r.id limit ?`,
      [status, status, ...key.params, limit],
    );
    return rows.map((row) => em.map(Report, row));
  }

  async count(em: Db, status: ReportStatusValue | null): Promise<number> {
    const [row] = await sql<{ n: number }>(em, 'select count(*)::int as n from reports where (?::varchar is null or status = ?)', [
      status,
      status,
    ]);
    return row.n;
  }

  /** OPEN reports per subject. */
  openCounts(em: Db, subjectIds: readonly string[]): Promise<OpenReportCountRow[]> {
    return sql<OpenReportCountRow>(
      em,
      `select subject_id as "subjectId", count(*)::int as n from reports where status = 'OPEN' and subject_id in (?) group by subject_id`,
      [[...subjectIds]],
    );
  }

  /** Closes an OPEN report; null when it is not open (any more). */
  async close(
    tx: Db,
    id: string,
    data: { status: Exclude<ReportStatusValue, 'OPEN'>; resolvedById: string; resolution: string | null },
  ): Promise<Report | null> {
    const [row] = await sql<Record<string, unknown>>(
      tx,
      `update reports set status = ?, resolved_by_id = ?, resolution = ?, resolved_at = now() where id = ? and status = 'OPEN' returning *`,
      [data.status, data.resolvedById, data.resolution, id],
    );
    return row ? tx.map(Report, row) : null;
  }
}

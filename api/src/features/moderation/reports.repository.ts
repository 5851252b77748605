import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { dailyCountsSql, type DailyCountRow } from '../../kernel/daily.js';
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

/** The reports of one status about one subject, summed up. */
export interface ReportGroupRow {
  subjectType: ReportSubjectType;
  subjectId: string;
  status: ReportStatusValue;
  reportCount: number;
  reasons: ReportReasonValue[];
  firstReportedAt: Date;
  lastReportedAt: Date;
}

export interface OpenReportCountRow {
  subjectId: string;
  n: number;
}

export interface ReportFilter {
  status: ReportStatusValue | null;
  subjectId: string | null;
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
  async page(em: Db, filter: ReportFilter, limit: number, after: (string | number)[] | null): Promise<Report[]> {
    const key = keysetSql('r', after, 'asc');
    const rows = await sql<Record<string, unknown>>(
      em,
      `select r.* from reports r where (?::varchar is null or r.status = ?) and (?::uuid is null or r.subject_id = ?)
          and ${key.sql} order by r.created_at, r.id limit ?`,
      [filter.status, filter.status, filter.subjectId, filter.subjectId, ...key.params, limit],
    );
    return rows.map((row) => em.map(Report, row));
  }

  async count(em: Db, filter: ReportFilter): Promise<number> {
    const [row] = await sql<{ n: number }>(
      em,
      'select count(*)::int as n from reports where (?::varchar is null or status = ?) and (?::uuid is null or subject_id = ?)',
      [filter.status, filter.status, filter.subjectId, filter.subjectId],
    );
    return row.n;
  }

  /** Subjects with reports of `status`, the one with the oldest report first, after the `(first report, subject id)` keyset. */
  async groups(em: Db, status: ReportStatusValue, limit: number, after: [string, string] | null): Promise<ReportGroupRow[]> {
    const rows = await sql<ReportGroupRow & { firstReportedAt: string | Date; lastReportedAt: string | Date }>(
      em,
      `select r.subject_type as "subjectType", r.subject_id as "subjectId", r.status, count(*)::int as "reportCount",
              array_agg(distinct r.reason order by r.reason) as reasons,
              min(r.created_at) as "firstReportedAt", max(r.created_at) as "lastReportedAt"
         from reports r where r.status = ?
        group by r.subject_type, r.subject_id, r.status
       having (?::timestamptz is null or (min(r.created_at), r.subject_id) > (?::timestamptz, ?::uuid))
        order by min(r.created_at), r.subject_id limit ?`,
      [status, after?.[0] ?? null, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
    return rows.map((row) => ({
      ...row,
      firstReportedAt: new Date(row.firstReportedAt),
      lastReportedAt: new Date(row.lastReportedAt),
    }));
  }

  async countGroups(em: Db, status: ReportStatusValue): Promise<number> {
    const [row] = await sql<{ n: number }>(em, 'select count(distinct subject_id)::int as n from reports where status = ?', [status]);
    return row.n;
  }

  /** The newest `limit` reports of `status` about each subject. */
  async newestAbout(em: Db, status: ReportStatusValue, subjectIds: readonly string[], limit: number): Promise<Report[]> {
    const rows = await sql<Record<string, unknown>>(
      em,
      `select * from (select r.*, row_number() over (partition by r.subject_id order by r.created_at desc, r.id desc) as _rank
                        from reports r where r.status = ? and r.subject_id in (?)) ranked
        where _rank <= ? order by created_at desc, id desc`,
      [status, [...subjectIds], limit],
    );
    return rows.map(({ _rank, ...row }) => em.map(Report, row));
  }

  /** Reports made on each of the last `days` UTC days. */
  daily(em: Db, days: number): Promise<DailyCountRow[]> {
    const query = dailyCountsSql('select created_at as at from reports', days);
    return sql<DailyCountRow>(em, query.sql, query.params);
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

import { type Actor, rateKey } from '../../kernel/actor.js';
import { inTransaction, type AfterCommit, type Db } from '../../kernel/db.js';
import { conflict, invalid, notFound } from '../../kernel/errors.js';
import type { EventBus } from '../../kernel/events.js';
import { paginate, strictPageSize, timeKey, timeKeyAfter, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import type { RateLimits } from '../../kernel/rate-limit.js';
import type { Report, ReportReasonValue, ReportStatusValue, ReportSubjectType } from './reports.entity.js';
import type { ReportFilter, ReportGroupRow, ReportsRepository } from './reports.repository.js';

export type ReportGroup = ReportGroupRow;
import type { ModerationLogService } from './moderation-log.service.js';
import { isStaff, requireStaff } from './staff.js';

const MAX_TEXT = 1000;
/** Live queue of new reports (payload `ReportEvent`), for staff subscriptions. */
export const REPORT_ADDED_TOPIC = 'reports:added';
export interface ReportEvent {
  reportId: string;
}

/** Whether the viewer may see a subject (the owning features' rules); provided by server/compose.ts. */
export interface ReportSubjects {
  visible(actor: Actor, em: Db, type: ReportSubjectType, id: string): Promise<boolean>;
}

/** The slice of the notifications service reports use. */
export interface ReportNotifier {
  notify(tx: Db, afterCommit: AfterCommit, input: { recipientId: string; type: 'REPORT_RESOLVED'; dedupeKey: string }): Promise<unknown>;
}

export interface ReportData {
  /** Decoded subject; null when the client's id is malformed or of a type that cannot be reported. */
  subject: { type: ReportSubjectType; id: string } | null;
  reason: ReportReasonValue;
  comment?: string | null;
}

function optionalText(raw: string | null | undefined, field: string[]): string | null {
  const text = (raw ?? '').trim();
  if ([...text].length > MAX_TEXT) throw invalid(field, `At most ${MAX_TEXT} characters.`);
  return text || null;
}

/** Members report what they see; staff work through the queue and close reports. */
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly subjects: ReportSubjects,
    private readonly notifications: ReportNotifier,
    private readonly log: ModerationLogService,
    private readonly rateLimits: RateLimits,
    private readonly events: EventBus,
  ) {}

  async report(actor: Actor, em: Db, input: ReportData): Promise<Report> {
    const comment = optionalText(input.comment, ['input', 'comment']);
    const subject = input.subject;
    const missing = () => notFound('There is nothing to report by that id.', ['input', 'subjectId']);
    if (!subject) throw missing();
    if (subject.type === 'User' && subject.id === actor.id) throw invalid(['input', 'subjectId'], 'You cannot report yourself.');
    if (!(await this.subjects.visible(actor, em, subject.type, subject.id))) throw missing();
    await this.rateLimits.consume('reports', [rateKey(actor)]);
    return inTransaction(em, async (tx, afterCommit) => {
      const report = await this.reports.insertOpen(tx, {
        reporterId: actor.id,
        subjectType: subject.type,
        subjectId: subject.id,
        reason: input.reason,
        comment,
      });
      if (!report) throw conflict('You have already reported this; staff will look at it.', ['input', 'subjectId']);
      afterCommit(() => this.events.publish(REPORT_ADDED_TOPIC, { reportId: report.id } satisfies ReportEvent));
      return report;
    });
  }

  /** Staff only: oldest first (the queue); every status when `status` is null, about one subject when `subjectId` is set. */
  page(actor: Actor, em: Db, filter: ReportFilter, page: PageInput): Promise<ConnectionShape<Report>> {
    requireStaff(actor);
    return paginate({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => this.reports.page(em, filter, limit, after),
      keyOf: timeKey,
      count: () => this.reports.count(em, filter),
    });
  }

  /** Staff only: reports of `status` grouped by subject, the group with the oldest report first. */
  groups(actor: Actor, em: Db, status: ReportStatusValue, page: PageInput): Promise<ConnectionShape<ReportGroup>> {
    requireStaff(actor);
    strictPageSize(page.first);
    return paginate({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => {
        const [time, id] = timeKeyAfter(after);
        return this.reports.groups(em, status, limit, time && id ? [time, id] : null);
      },
      keyOf: (group) => [group.firstReportedAt.toISOString(), group.subjectId],
      count: () => this.reports.countGroups(em, status),
    });
  }

  /** The newest `limit` reports of `status` about each subject (staff only; empty for anyone else). */
  async newestAbout(
    actor: Actor | null,
    em: Db,
    status: ReportStatusValue,
    subjectIds: readonly string[],
    limit: number,
  ): Promise<Report[]> {
    if (!actor || !isStaff(actor)) return [];
    return this.reports.newestAbout(em, status, subjectIds, limit);
  }

  /** Staff only: RESOLVED or DISMISSED, logged; the reporter hears it was handled (not what was done). */
  async resolve(
    actor: Actor,
    em: Db,
    input: { reportId: string | null; status: ReportStatusValue; resolution?: string | null },
  ): Promise<Report> {
    requireStaff(actor);
    const resolution = optionalText(input.resolution, ['resolution']);
    const status = input.status;
    if (status === 'OPEN') throw invalid(['status'], 'A report is closed as RESOLVED or DISMISSED.');
    return inTransaction(em, async (tx, afterCommit) => {
      const report = input.reportId ? await this.reports.close(tx, input.reportId, { status, resolvedById: actor.id, resolution }) : null;
      if (!report) throw notFound('That report does not exist or is closed already.', ['reportId']);
      await this.log.record(tx, {
        type: status === 'RESOLVED' ? 'RESOLVE_REPORT' : 'DISMISS_REPORT',
        moderatorId: actor.id,
        subjectType: 'Report',
        subjectId: report.id,
        reason: resolution,
      });
      await this.notifications.notify(tx, afterCommit, {
        recipientId: report.reporterId,
        type: 'REPORT_RESOLVED',
        dedupeKey: `report-closed:${report.id}`,
      });
      return report;
    });
  }

  /** Staff see every report; anyone else only their own. */
  async byIds(actor: Actor | null, em: Db, ids: readonly string[]): Promise<Report[]> {
    if (!actor) return [];
    const reports = await this.reports.byIds(em, ids);
    return isStaff(actor) ? reports : reports.filter((r) => r.reporterId === actor.id);
  }

  /** The staff dashboard's part (`adminStats`): reports waiting for staff. */
  async statsNow(em: Db): Promise<{ openReports: number }> {
    return { openReports: await this.reports.count(em, { status: 'OPEN', subjectId: null }) };
  }

  /** Reports per UTC day (the staff dashboard's chart). */
  async daily(em: Db, days: number): Promise<{ day: string; reports: number }[]> {
    return (await this.reports.daily(em, days)).map((row) => ({ day: row.day, reports: row.n }));
  }

  /** OPEN reports per subject (for `duplicateCount`). */
  openCounts(em: Db, subjectIds: readonly string[]): Promise<{ subjectId: string; n: number }[]> {
    return this.reports.openCounts(em, subjectIds);
  }
}

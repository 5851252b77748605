import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import type { Report, ReportStatusValue } from './reports.entity.js';

/** Reports by raw id: staff see all, anyone else their own. */
export const reportById = (ctx: Context) =>
  loader(
    ctx,
    'reportById',
    () =>
      new DataLoader<string, Report | null>(async (ids) => {
        const byId = new Map((await ctx.services.reports.byIds(ctx.actor, ctx.em, ids)).map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );

/** OPEN reports per subject id. */
export const openReportCount = (ctx: Context) =>
  loader(
    ctx,
    'openReportCount',
    () =>
      new DataLoader<string, number>(async (ids) => {
        const byId = new Map((await ctx.services.reports.openCounts(ctx.em, ids)).map((r) => [r.subjectId, r.n]));
        return ids.map((id) => byId.get(id) ?? 0);
      }),
  );

/** The newest `limit` reports of `status` about each subject (a group's `reports(first)`), one query per page. */
export const newestReportsAbout = (ctx: Context, status: ReportStatusValue, limit: number) =>
  loader(
    ctx,
    `newestReportsAbout:${status}:${limit}`,
    () =>
      new DataLoader<string, Report[]>(async (subjectIds) => {
        const reports = await ctx.services.reports.newestAbout(ctx.actor, ctx.em, status, subjectIds, limit);
        return subjectIds.map((id) => reports.filter((r) => r.subjectId === id));
      }),
  );

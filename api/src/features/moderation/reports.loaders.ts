import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import type { Report } from './reports.entity.js';

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

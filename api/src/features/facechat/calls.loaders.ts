import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import { Call } from './calls.entity.js';

/** Calls by raw id that the viewer takes part in (caller or callee); null otherwise. */
export function callById(ctx: Context): DataLoader<string, Call | null> {
  return loader(ctx, 'callById', () => new DataLoader<string, Call | null>(async (ids) => {
    const viewerId = ctx.viewer?.id;
    if (!viewerId) return ids.map(() => null);
    const rows = await ctx.em.execute(
      `select c.* from calls c where c.id in (?)
         and (c.caller_id = ? or exists (select 1 from call_callees cc where cc.call_id = c.id and cc.user_id = ?))`,
      [[...ids], viewerId, viewerId]);
    const byId = new Map(rows.map((row: Record<string, unknown>) => [row.id as string, ctx.em.map(Call, row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

/** The callees' raw user ids of each call, in the order they were called. */
export function calleeIdsOfCall(ctx: Context): DataLoader<string, string[]> {
  return loader(ctx, 'calleeIdsOfCall', () => new DataLoader<string, string[]>(async (ids) => {
    const rows: { call_id: string; user_id: string }[] = await ctx.em.execute(
      'select call_id, user_id from call_callees where call_id in (?) order by call_id, position', [[...ids]]);
    return ids.map((id) => rows.filter((r) => r.call_id === id).map((r) => r.user_id));
  }));
}

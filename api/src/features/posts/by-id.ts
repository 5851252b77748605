import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import { toRecord } from '../../kernel/rows.js';

export { toRecord };

/** The per-request DataLoader of `table` rows by raw id (null when missing), one query per tick. */
export function byIdLoader<T extends { id: string }>(ctx: Context, table: string, map: (row: Record<string, unknown>) => T): DataLoader<string, T | null> {
  return loader(ctx, `${table}ById`, () => new DataLoader<string, T | null>(async (ids) => {
    const rows = await ctx.em.execute(`select * from ${table} where id in (?)`, [[...ids]]);
    const byId = new Map(rows.map((row) => [row.id as string, map(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

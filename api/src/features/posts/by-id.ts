import DataLoader from 'dataloader';
import type { EntityClass } from '@mikro-orm/core';
import { loader, type Context } from '../../graphql/context.js';

/** The per-request DataLoader of `entity` rows by raw id (null when missing), one query per tick. */
export function byIdLoader<T extends { id: string }>(ctx: Context, name: string, entity: EntityClass<T>): DataLoader<string, T | null> {
  return loader(ctx, name, () => new DataLoader<string, T | null>(async (ids) => {
    const rows = (await ctx.em.find(entity, { id: { $in: [...ids] } } as never)) as T[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

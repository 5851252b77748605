import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import { toMedia, type MediaRecord } from './media.records.js';

/** Media by raw id, one query per request tick. */
export function mediaById(ctx: Context): DataLoader<string, MediaRecord | null> {
  return loader(ctx, 'mediaById', () => new DataLoader<string, MediaRecord | null>(async (ids) => {
    const rows = await ctx.em.execute('select * from media where id in (?)', [[...ids]]);
    const byId = new Map(rows.map((row) => [row.id as string, toMedia(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import type { TagRecord } from './tags.records.js';

/** Tags by raw id, one query per request tick. */
export function tagById(ctx: Context): DataLoader<string, TagRecord | null> {
  return loader(
    ctx,
    'tagsById',
    () =>
      new DataLoader<string, TagRecord | null>(async (ids) => {
        const tags = await ctx.services.tags.tagsByIds(ctx.em, ids);
        const byId = new Map(tags.map((t) => [t.id, t]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
}

import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import { toTag, type TagRecord } from './tags.records.js';

/** Tags by raw id, one query per request tick. */
export function tagById(ctx: Context): DataLoader<string, TagRecord | null> {
  return loader(ctx, 'tagsById', () => new DataLoader<string, TagRecord | null>(async (ids) => {
    const rows = await ctx.em.execute('select * from tags where id in (?)', [[...ids]]);
    const byId = new Map(rows.map((row) => [row.id as string, toTag(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

/** Tags by name (normalised), e.g. for `posts(tag:)`. */
export function tagByName(ctx: Context): DataLoader<string, TagRecord | null> {
  return loader(ctx, 'tagByName', () => new DataLoader<string, TagRecord | null>(async (names) => {
    const rows = await ctx.em.execute('select * from tags where name in (?)', [[...names]]);
    const byName = new Map(rows.map((row) => [row.name as string, toTag(row)]));
    return names.map((name) => byName.get(name) ?? null);
  }));
}

import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import { byIdLoader } from '../posts/by-id.js';
import { toTag, type TagRecord } from './tags.records.js';

/** Tags by raw id, one query per request tick. */
export const tagById = (ctx: Context): DataLoader<string, TagRecord | null> => byIdLoader(ctx, 'tags', toTag);

/** Tags by name (normalised), e.g. for `posts(tag:)`. */
export function tagByName(ctx: Context): DataLoader<string, TagRecord | null> {
  return loader(ctx, 'tagByName', () => new DataLoader<string, TagRecord | null>(async (names) => {
    const rows = await ctx.em.execute('select * from tags where name in (?)', [[...names]]);
    const byName = new Map(rows.map((row) => [row.name as string, toTag(row)]));
    return names.map((name) => byName.get(name) ?? null);
  }));
}

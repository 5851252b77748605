import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import { Tag } from './tags.entity.js';

/** Tags by raw id, one query per request tick. */
export function tagById(ctx: Context): DataLoader<string, Tag | null> {
  return loader(ctx, 'tagById', () => new DataLoader<string, Tag | null>(async (ids) => {
    const tags = await ctx.em.find(Tag, { id: { $in: [...ids] } });
    const byId = new Map(tags.map((t) => [t.id, t]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

/** Tags by name (normalised), e.g. for `posts(tag:)`. */
export function tagByName(ctx: Context): DataLoader<string, Tag | null> {
  return loader(ctx, 'tagByName', () => new DataLoader<string, Tag | null>(async (names) => {
    const tags = await ctx.em.find(Tag, { name: { $in: [...names] } });
    const byName = new Map(tags.map((t) => [t.name, t]));
    return names.map((name) => byName.get(name) ?? null);
  }));
}

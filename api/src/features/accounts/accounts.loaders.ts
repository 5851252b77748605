import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import type { User } from './accounts.entity.js';

/** Users by raw id, one query per request tick. */
export function userById(ctx: Context): DataLoader<string, User | null> {
  return loader(ctx, 'userById', () => new DataLoader<string, User | null>(async (ids) => {
    const users = await ctx.services.accounts.usersByIds(ctx.em, ids);
    const byId = new Map(users.map((u) => [u.id, u]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

import { toUserRecord, USER_COLUMNS } from './accounts.records.js';
import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import type { User } from './accounts.entity.js';

/** Users by raw id, one query per request tick. */
export function userById(ctx: Context): DataLoader<string, User | null> {
  return loader(
    ctx,
    'userById',
    () =>
      new DataLoader<string, User | null>(async (ids) => {
        const users = await ctx.services.accounts.usersByIds(ctx.em, ids);
        const byId = new Map(users.map((u) => [u.id, u]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
}

/** Users by raw id as the viewer may see them (null when missing or blocked either way): `user(id)`, `node(id)`. */
export function visibleUserById(ctx: Context): DataLoader<string, User | null> {
  return loader(
    ctx,
    'visibleUserById',
    () => new DataLoader<string, User | null>((ids) => ctx.services.accounts.visibleUsersByIds(ctx.actor, ctx.em, ids)),
  );
}

/**
 * Users a query already joined go straight into this request's `userById` DataLoader, so
 * `author` and `user` fields need no statement of their own. Rows whose keys carry `prefix`
 * (e.g. `author__username`) are read with the prefix stripped.
 */
export function primeUser(ctx: Context, row: Record<string, unknown>, prefix = ''): User | null {
  const fields: Record<string, unknown> = {};
  for (const column of USER_COLUMNS) fields[column] = row[prefix + column];
  if (typeof fields.id !== 'string') return null;
  const user = toUserRecord(fields);
  userById(ctx).prime(fields.id, user);
  return user;
}

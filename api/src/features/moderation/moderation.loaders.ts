import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import type { ModerationAction } from './moderation.entity.js';

/** Log entries by raw id, one query per request tick (who may see them is checked by the caller). */
export function moderationActionById(ctx: Context): DataLoader<string, ModerationAction | null> {
  return loader(
    ctx,
    'moderationActionById',
    () =>
      new DataLoader<string, ModerationAction | null>(async (ids) => {
        const rows = await ctx.services.moderationLog.byIds(ctx.em, ids);
        const byId = new Map(rows.map((a) => [a.id, a]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
}

/** When each user last signed in or refreshed a session (staff-only `User.lastActiveAt`), one query per request tick. */
export const lastActiveAt = (ctx: Context) =>
  loader(
    ctx,
    'lastActiveAt',
    () =>
      new DataLoader<string, Date | null>(async (ids) => {
        const byId = new Map((await ctx.services.accountModeration.lastActive(ctx.em, ids)).map((r) => [r.userId, r.lastActiveAt]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );

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

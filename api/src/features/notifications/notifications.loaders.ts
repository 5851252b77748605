import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import type { Notification } from './notifications.entity.js';

/** Notifications by raw id, one query per request tick (whose they are is checked by the caller). */
export function notificationById(ctx: Context): DataLoader<string, Notification | null> {
  return loader(
    ctx,
    'notificationById',
    () =>
      new DataLoader<string, Notification | null>(async (ids) => {
        const rows = await ctx.services.notifications.byIds(ctx.em, ids);
        const byId = new Map(rows.map((n) => [n.id, n]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
}

import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import { Notification } from './notifications.entity.js';

export function notificationById(ctx: Context): DataLoader<string, Notification | null> {
  return loader(ctx, 'notificationById', () => new DataLoader<string, Notification | null>(async (ids) => {
    const rows = await ctx.em.find(Notification, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((n) => [n.id, n]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

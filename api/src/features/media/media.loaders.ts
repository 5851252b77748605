import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import type { MediaRecord } from './media.records.js';

/** Media by raw id (null when missing), one query per request tick. */
export function mediaById(ctx: Context): DataLoader<string, MediaRecord | null> {
  const { scope, services } = ctx;
  return loader(ctx, 'mediaById', () => new DataLoader<string, MediaRecord | null>((ids) => services.media.byIds(scope.em, ids)));
}

/** Media by raw id as the viewer may see them by id (`node(id)`): null when missing or not theirs to see. */
export function visibleMediaById(ctx: Context): DataLoader<string, MediaRecord | null> {
  const { scope, services } = ctx;
  return loader(
    ctx,
    'visibleMediaById',
    () => new DataLoader<string, MediaRecord | null>((ids) => services.media.visibleByIds(ctx.actor, scope.em, ids)),
  );
}

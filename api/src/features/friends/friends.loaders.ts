import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import type { FriendRequest } from './friends.entity.js';
import type { RelationCounts, ViewerRelation } from './friends.service.js';

export type { RelationCounts, ViewerRelation } from './friends.service.js';

/**
 * friendCount, followerCount and followingCount of many users in ONE statement. Users hidden from
 * the viewer by a block are not counted, so the counts agree with the `friends`/`followers`/`following` lists.
 */
export function relationCounts(ctx: Context): DataLoader<string, RelationCounts> {
  return loader(
    ctx,
    'friends.relationCounts',
    () => new DataLoader<string, RelationCounts>((ids) => ctx.services.friends.relationCounts(ctx.actor, ctx.em, ids)),
  );
}

/** Every viewer-relative flag (friendship, pending requests, follows, block) of many users in ONE statement. */
export function viewerRelation(ctx: Context): DataLoader<string, ViewerRelation> {
  return loader(
    ctx,
    'friends.viewerRelation',
    () => new DataLoader<string, ViewerRelation>((ids) => ctx.services.friends.viewerRelations(ctx.actor, ctx.em, ids)),
  );
}

/** Friend requests by raw id; null unless the viewer is one of the two people the request is between. */
export function visibleFriendRequestById(ctx: Context): DataLoader<string, FriendRequest | null> {
  return loader(
    ctx,
    'friends.visibleRequestById',
    () => new DataLoader<string, FriendRequest | null>((ids) => ctx.services.friends.visibleRequests(ctx.actor, ctx.em, ids)),
  );
}

import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import { FriendRequest } from './friends.entity.js';
import { blockedSql } from './friends.relations.js';

export interface RelationCounts {
  friendCount: number;
  followerCount: number;
  followingCount: number;
}

export interface ViewerRelation {
  friends: boolean;
  requestSent: boolean;
  requestReceived: boolean;
  viewerIsFollowing: boolean;
  followsViewer: boolean;
  viewerHasBlocked: boolean;
}

// Note: the ORM inlines an array parameter as a comma-separated list, hence `array[?]::uuid[]`, never `?::uuid[]`.

const NO_RELATION: ViewerRelation = {
  friends: false, requestSent: false, requestReceived: false, viewerIsFollowing: false, followsViewer: false, viewerHasBlocked: false,
};

/**
 * friendCount, followerCount and followingCount of many users in ONE statement. Users hidden from
 * the viewer by a block are not counted, so the counts agree with the `friends`/`followers`/`following` lists.
 */
export function relationCounts(ctx: Context): DataLoader<string, RelationCounts> {
  return loader(ctx, 'friends.relationCounts', () => new DataLoader<string, RelationCounts>(async (ids) => {
    const viewerId = ctx.viewer?.id ?? null;
    const hideFriend = blockedSql('f.friend_id', viewerId);
    const hideFollower = blockedSql('fr.follower_id', viewerId);
    const hideFollowee = blockedSql('fe.followee_id', viewerId);
    const rows: { id: string; friend_count: number; follower_count: number; following_count: number }[] =
      await ctx.em.getConnection().execute(
        `select u.id,
           (select count(*)::int from friendships f where f.user_id = u.id and not ${hideFriend.sql}) as friend_count,
           (select count(*)::int from follows fr where fr.followee_id = u.id and not ${hideFollower.sql}) as follower_count,
           (select count(*)::int from follows fe where fe.follower_id = u.id and not ${hideFollowee.sql}) as following_count
         from unnest(array[?]::uuid[]) as u(id)`,
        [...hideFriend.params, ...hideFollower.params, ...hideFollowee.params, [...ids]]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      return { friendCount: row?.friend_count ?? 0, followerCount: row?.follower_count ?? 0, followingCount: row?.following_count ?? 0 };
    });
  }));
}

/** Every viewer-relative flag (friendship, pending requests, follows, block) of many users in ONE statement. */
export function viewerRelation(ctx: Context): DataLoader<string, ViewerRelation> {
  return loader(ctx, 'friends.viewerRelation', () => new DataLoader<string, ViewerRelation>(async (ids) => {
    const viewerId = ctx.viewer?.id;
    if (!viewerId) return ids.map(() => NO_RELATION);
    const rows: ({ id: string } & Record<string, boolean>)[] = await ctx.em.getConnection().execute(
      `select u.id,
         exists (select 1 from friendships f where f.user_id = v.id and f.friend_id = u.id) as friends,
         exists (select 1 from friend_requests r where r.from_id = v.id and r.to_id = u.id and r.status = 'PENDING') as request_sent,
         exists (select 1 from friend_requests r where r.from_id = u.id and r.to_id = v.id and r.status = 'PENDING') as request_received,
         exists (select 1 from follows o where o.follower_id = v.id and o.followee_id = u.id) as viewer_is_following,
         exists (select 1 from follows o where o.follower_id = u.id and o.followee_id = v.id) as follows_viewer,
         exists (select 1 from blocks b where b.blocker_id = v.id and b.blocked_id = u.id) as viewer_has_blocked
       from unnest(array[?]::uuid[]) as u(id), (select ?::uuid as id) as v`,
      [[...ids], viewerId]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) return NO_RELATION;
      return {
        friends: row.friends, requestSent: row.request_sent, requestReceived: row.request_received,
        viewerIsFollowing: row.viewer_is_following, followsViewer: row.follows_viewer, viewerHasBlocked: row.viewer_has_blocked,
      };
    });
  }));
}

export function friendRequestById(ctx: Context): DataLoader<string, FriendRequest | null> {
  return loader(ctx, 'friends.requestById', () => new DataLoader<string, FriendRequest | null>(async (ids) => {
    const rows = await ctx.em.find(FriendRequest, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

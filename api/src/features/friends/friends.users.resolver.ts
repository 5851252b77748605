import { Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { PageArgs, paginate } from '../../graphql/relay.js';
import { User } from '../accounts/index.js';
import { UserConnection, UserObject } from '../accounts/index.js';
import { relationCounts, viewerRelation, type RelationCounts } from './friends.loaders.js';
import { blockedSql } from './friends.relations.js';
import { FriendshipStatus } from './friends.types.js';

/** A list of users related to `owner` through `table`, newest relation first. */
interface RelationList {
  table: 'friendships' | 'follows';
  ownerCol: string;
  otherCol: string;
  count: keyof RelationCounts;
}
const FRIENDS: RelationList = { table: 'friendships', ownerCol: 'user_id', otherCol: 'friend_id', count: 'friendCount' };
const FOLLOWERS: RelationList = { table: 'follows', ownerCol: 'followee_id', otherCol: 'follower_id', count: 'followerCount' };
const FOLLOWING: RelationList = { table: 'follows', ownerCol: 'follower_id', otherCol: 'followee_id', count: 'followingCount' };

/**
 * The friends feature's fields on `User`. Counts come from one batched statement per request
 * (`relationCounts`), every viewer-relative flag from another (`viewerRelation`), however many users
 * a page holds. Users blocked either way by the viewer are left out of lists and counts.
 */
@Resolver(() => UserObject)
export class FriendsUserFieldsResolver {
  @FieldResolver(() => Int)
  async friendCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return (await relationCounts(ctx).load(user.id)).friendCount;
  }

  @FieldResolver(() => Int)
  async followerCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return (await relationCounts(ctx).load(user.id)).followerCount;
  }

  @FieldResolver(() => Int)
  async followingCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return (await relationCounts(ctx).load(user.id)).followingCount;
  }

  @FieldResolver(() => FriendshipStatus)
  async friendshipStatus(@Root() user: User, @Ctx() ctx: Context): Promise<FriendshipStatus> {
    if (!ctx.viewer) return FriendshipStatus.NONE;
    if (ctx.viewer.id === user.id) return FriendshipStatus.SELF;
    const relation = await viewerRelation(ctx).load(user.id);
    if (relation.friends) return FriendshipStatus.FRIENDS;
    if (relation.requestSent) return FriendshipStatus.REQUEST_SENT;
    if (relation.requestReceived) return FriendshipStatus.REQUEST_RECEIVED;
    return FriendshipStatus.NONE;
  }

  @FieldResolver(() => Boolean)
  async viewerIsFollowing(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.viewer ? (await viewerRelation(ctx).load(user.id)).viewerIsFollowing : false;
  }

  @FieldResolver(() => Boolean)
  async followsViewer(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.viewer ? (await viewerRelation(ctx).load(user.id)).followsViewer : false;
  }

  @FieldResolver(() => Boolean, {
    description: "The viewer blocked this user: neither sees the other's posts, rooms or profile details, and neither can befriend, follow, call, comment on or tag the other.",
  })
  async viewerHasBlocked(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.viewer ? (await viewerRelation(ctx).load(user.id)).viewerHasBlocked : false;
  }

  @FieldResolver(() => UserConnection)
  friends(@Root() user: User, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return relationPage(ctx, user, page, FRIENDS);
  }

  @FieldResolver(() => UserConnection)
  followers(@Root() user: User, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return relationPage(ctx, user, page, FOLLOWERS);
  }

  @FieldResolver(() => UserConnection)
  following(@Root() user: User, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return relationPage(ctx, user, page, FOLLOWING);
  }
}

function relationPage(ctx: Context, owner: User, page: PageArgs, list: RelationList) {
  const hidden = blockedSql('u.id', ctx.viewer?.id ?? null);
  return paginate({
    ...page,
    cursorShape: ['string', 'string'],
    fetch: async (limit, after) => {
      const rows: Record<string, unknown>[] = await ctx.em.execute(
        `select u.*, r.created_at::text as relation_key from ${list.table} r join users u on u.id = r.${list.otherCol}
          where r.${list.ownerCol} = ? and not ${hidden.sql}
            and (?::timestamptz is null or (r.created_at, r.${list.otherCol}) < (?::timestamptz, ?::uuid))
          order by r.created_at desc, r.${list.otherCol} desc limit ?`,
        [owner.id, ...hidden.params, after?.[0] ?? null, after?.[0] ?? null, after?.[1] ?? null, limit]);
      // The cursor keeps PostgreSQL's own text of the timestamp, so it round-trips exactly.
      return rows.map(({ relation_key: since, ...row }) => ({ since: String(since), user: ctx.em.map(User, row) }));
    },
    keyOf: (r) => [r.since, r.user.id],
    toNode: (r) => r.user,
    count: async () => (await relationCounts(ctx).load(owner.id))[list.count],
  });
}

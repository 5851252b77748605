import { Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { PageArgs } from '../../graphql/relay.js';
import { paginate } from '../../kernel/pagination.js';
import { type User } from '../accounts/index.js';
import { primeUser, UserConnection, UserObject } from '../accounts/graphql.js';
import { relationCounts, viewerRelation, type RelationCounts } from './friends.loaders.js';
import type { RelationList } from './friends.repository.js';
import { FriendshipStatus } from './friends.types.js';

/**
 * The friends feature's fields on `User`. Counts come from one batched statement per request
 * (`relationCounts`), every viewer-relative flag from another (`viewerRelation`), however many users
 * a page holds. Users blocked either way by the viewer are left out of lists and counts.
 */
@Resolver(() => UserObject)
export class FriendsUserFieldsResolver {
  @FieldResolver(() => Int, { description: 'How many friends the user has (0 for someone blocked either way).' })
  async friendCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return (await relationCounts(ctx).load(user.id)).friendCount;
  }

  @FieldResolver(() => Int, { description: 'How many people follow the user (approved followers only; 0 for someone blocked either way).' })
  async followerCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return (await relationCounts(ctx).load(user.id)).followerCount;
  }

  @FieldResolver(() => Int, { description: 'How many people the user follows (0 for someone blocked either way).' })
  async followingCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return (await relationCounts(ctx).load(user.id)).followingCount;
  }

  @FieldResolver(() => FriendshipStatus, { description: 'How the viewer and the user stand as friends.' })
  async friendshipStatus(@Root() user: User, @Ctx() ctx: Context): Promise<FriendshipStatus> {
    if (!ctx.actor) return FriendshipStatus.NONE;
    if (ctx.actor.id === user.id) return FriendshipStatus.SELF;
    const relation = await viewerRelation(ctx).load(user.id);
    if (relation.friends) return FriendshipStatus.FRIENDS;
    if (relation.requestSent) return FriendshipStatus.REQUEST_SENT;
    if (relation.requestReceived) return FriendshipStatus.REQUEST_RECEIVED;
    return FriendshipStatus.NONE;
  }

  @FieldResolver(() => Boolean, { description: 'The viewer follows the user (a pending follow request does not count).' })
  async viewerIsFollowing(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.actor ? (await viewerRelation(ctx).load(user.id)).viewerIsFollowing : false;
  }

  @FieldResolver(() => Boolean, { description: 'The user follows the viewer.' })
  async followsViewer(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.actor ? (await viewerRelation(ctx).load(user.id)).followsViewer : false;
  }

  @FieldResolver(() => Boolean, {
    description:
      "The viewer blocked this user: neither sees the other's posts, rooms or profile details, and neither can befriend, follow, call, comment on or tag the other.",
  })
  async viewerHasBlocked(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.actor ? (await viewerRelation(ctx).load(user.id)).viewerHasBlocked : false;
  }

  @FieldResolver(() => Boolean, {
    description: "The viewer asked to follow this user's private account and waits for the owner's approval.",
  })
  async viewerFollowRequested(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.actor ? (await viewerRelation(ctx).load(user.id)).followRequested : false;
  }

  @FieldResolver(() => Boolean, {
    description:
      "Whether the viewer may see the user's posts: false when either blocked the other, and for a private account unless the viewer is the owner, a friend, an approved follower or staff.",
  })
  async viewerCanSeePosts(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> {
    if (!ctx.actor) return !user.isPrivate;
    if (ctx.actor.id === user.id) return true;
    const relation = await viewerRelation(ctx).load(user.id);
    return !relation.viewerHasBlocked && !relation.blockedViewer && !relation.privateHidden;
  }

  @FieldResolver(() => UserConnection, {
    description: "The user's friends, newest first; empty for someone blocked either way or a private account the viewer may not see.",
  })
  friends(@Root() user: User, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return relationPage(ctx, user, page, 'friends', 'friendCount');
  }

  @FieldResolver(() => UserConnection, {
    description: "The user's followers, newest first; empty for someone blocked either way or a private account the viewer may not see.",
  })
  followers(@Root() user: User, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return relationPage(ctx, user, page, 'followers', 'followerCount');
  }

  @FieldResolver(() => UserConnection, {
    description: 'Whom the user follows, newest first; empty for someone blocked either way or a private account the viewer may not see.',
  })
  following(@Root() user: User, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return relationPage(ctx, user, page, 'following', 'followingCount');
  }
}

/** A page of related users, newest relation first; its totalCount shares the batched counts of `friendCount` & co. */
function relationPage(ctx: Context, owner: User, page: PageArgs, list: RelationList, count: keyof RelationCounts) {
  return paginate({
    first: page.first,
    after: page.after,
    cursorShape: ['string', 'string'],
    fetch: (limit, after) => ctx.services.friends.relatedUsersPage(ctx.actor, ctx.em, { ownerId: owner.id, list, limit, after }),
    keyOf: (r) => [r.since, r.user.id],
    // The rows carry the users' public columns: they go straight into this request's `userById` loader.
    toNode: (r) => primeUser(ctx, r.user) as User,
    count: async () => (await relationCounts(ctx).load(owner.id))[count],
  });
}

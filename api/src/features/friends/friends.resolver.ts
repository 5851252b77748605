import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { fromGlobalId } from '../../graphql/ids.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs, paginate } from '../../graphql/relay.js';
import { userById } from '../accounts/index.js';
import { requireViewer } from '../accounts/index.js';
import { UserObject, UserPayload } from '../accounts/index.js';
import { FriendRequest } from './friends.entity.js';
import { friendRequestById } from './friends.loaders.js';
import { FriendRequestConnection, FriendRequestDirection, FriendRequestObject, FriendRequestPayload } from './friends.types.js';
import './friends.visibility.js';

/** Only the two people a request is between can see it. */
registerNodeType('FriendRequest', FriendRequest, async (ctx, id) => {
  const found = await friendRequestById(ctx).load(id);
  return found && (found.from.id === ctx.viewer?.id || found.to.id === ctx.viewer?.id) ? found : null;
});

@Resolver(() => FriendRequestObject)
export class FriendsResolver {
  @Query(() => FriendRequestConnection, { description: 'Pending friend requests to (INCOMING) or from (OUTGOING) the viewer, newest first.' })
  friendRequests(
    @Ctx() ctx: Context,
    @Arg('direction', () => FriendRequestDirection) direction: FriendRequestDirection,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    const viewer = requireViewer(ctx);
    const side = direction === FriendRequestDirection.INCOMING ? 'to_id' : 'from_id';
    return paginate({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: async (limit, after) => {
        const rows = await ctx.em.execute(
          `select * from friend_requests where ${side} = ? and status = 'PENDING'
             and (?::timestamptz is null or (created_at, id) < (?::timestamptz, ?::uuid))
           order by created_at desc, id desc limit ?`,
          [viewer.id, after?.[0] ?? null, after?.[0] ?? null, after?.[1] ?? null, limit]);
        return rows.map((row) => ctx.em.map(FriendRequest, row));
      },
      keyOf: (r: FriendRequest) => [r.createdAt.toISOString(), r.id],
      count: async () =>
        (await ctx.em.execute(`select count(*)::int as n from friend_requests where ${side} = ? and status = 'PENDING'`, [viewer.id]))[0].n,
    });
  }

  @Mutation(() => FriendRequestPayload, { description: 'Sending to someone who already asked you accepts their request.' })
  async sendFriendRequest(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<FriendRequestPayload> {
    const viewer = requireViewer(ctx);
    const friendRequest = await ctx.services.friends.sendFriendRequest(ctx, viewer.id, fromGlobalId(userId, 'User'));
    return { friendRequest, userErrors: [] };
  }

  @Mutation(() => FriendRequestPayload)
  acceptFriendRequest(@Ctx() ctx: Context, @Arg('requestId', () => ID) requestId: string): Promise<FriendRequestPayload> {
    return respond(ctx, requestId, 'accept');
  }

  @Mutation(() => FriendRequestPayload)
  declineFriendRequest(@Ctx() ctx: Context, @Arg('requestId', () => ID) requestId: string): Promise<FriendRequestPayload> {
    return respond(ctx, requestId, 'decline');
  }

  @Mutation(() => FriendRequestPayload)
  cancelFriendRequest(@Ctx() ctx: Context, @Arg('requestId', () => ID) requestId: string): Promise<FriendRequestPayload> {
    return respond(ctx, requestId, 'cancel');
  }

  @Mutation(() => UserPayload)
  removeFriend(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<UserPayload> {
    return userPayload(ctx, userId, (viewerId, target) => ctx.services.friends.removeFriend(ctx, viewerId, target));
  }

  @Mutation(() => UserPayload)
  followUser(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<UserPayload> {
    return userPayload(ctx, userId, (viewerId, target) => ctx.services.friends.follow(ctx, viewerId, target));
  }

  @Mutation(() => UserPayload)
  unfollowUser(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<UserPayload> {
    return userPayload(ctx, userId, (viewerId, target) => ctx.services.friends.unfollow(ctx, viewerId, target));
  }

  @Mutation(() => UserPayload, { description: 'Also ends any friendship, follow in either direction and pending request between the two.' })
  blockUser(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<UserPayload> {
    return userPayload(ctx, userId, (viewerId, target) => ctx.services.friends.block(ctx, viewerId, target));
  }

  @Mutation(() => UserPayload)
  unblockUser(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<UserPayload> {
    return userPayload(ctx, userId, (viewerId, target) => ctx.services.friends.unblock(ctx, viewerId, target));
  }

  @FieldResolver(() => UserObject)
  from(@Root() request: FriendRequest, @Ctx() ctx: Context) {
    return userById(ctx).load(request.from.id);
  }

  @FieldResolver(() => UserObject)
  to(@Root() request: FriendRequest, @Ctx() ctx: Context) {
    return userById(ctx).load(request.to.id);
  }
}

async function respond(ctx: Context, requestId: string, action: 'accept' | 'decline' | 'cancel'): Promise<FriendRequestPayload> {
  const viewer = requireViewer(ctx);
  const friendRequest = await ctx.services.friends.respond(ctx, viewer.id, fromGlobalId(requestId, 'FriendRequest'), action);
  return { friendRequest, userErrors: [] };
}

/** Runs a user-to-user action and returns the other user, read after the change. */
async function userPayload(ctx: Context, userId: string, action: (viewerId: string, target: string | null) => Promise<string>): Promise<UserPayload> {
  const viewer = requireViewer(ctx);
  const target = await action(viewer.id, fromGlobalId(userId, 'User'));
  return { user: await userById(ctx).load(target), userErrors: [] };
}

export { FriendsUserFieldsResolver } from './friends.users.resolver.js';

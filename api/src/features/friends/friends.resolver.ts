import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AccessScope } from '../../kernel/actor.js';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import type { Actor } from '../../kernel/actor.js';
import { fromGlobalId } from '../../kernel/ids.js';
import { userById, UserObject, UserPayload } from '../accounts/graphql.js';
import { FriendRequest } from './friends.entity.js';
import { visibleFriendRequestById } from './friends.loaders.js';
import type { RequestAction } from './friends.service.js';
import { FriendRequestConnection, FriendRequestDirection, FriendRequestObject, FriendRequestPayload } from './friends.types.js';
// TEMPORARY until the merge: fills accounts' `userVisibility` hook so searchUsers hides blocked users.
// After the merge compose.ts passes `blockedSql` to the accounts repository and this import and file go.

/** Only the two people a request is between can see it. */
registerNodeType('FriendRequest', FriendRequest, (ctx, id) => visibleFriendRequestById(ctx).load(id));

@Resolver(() => FriendRequestObject)
export class FriendsResolver {
  @Authorized()
  @Query(() => FriendRequestConnection, {
    description: 'Pending friend requests to (INCOMING) or from (OUTGOING) the viewer, newest first.',
  })
  friendRequests(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('direction', () => FriendRequestDirection) direction: FriendRequestDirection,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    return ctx.services.friends.friendRequests(actor, ctx.em, { direction, first: page.first, after: page.after });
  }

  @Authorized(AccessScope.WRITE_SOCIAL)
  @Mutation(() => FriendRequestPayload, { description: 'Sending to someone who already asked you accepts their request.' })
  async sendFriendRequest(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('userId', () => ID) userId: string,
  ): Promise<FriendRequestPayload> {
    const friendRequest = await ctx.services.friends.sendFriendRequest(actor, ctx.em, { userId: fromGlobalId(userId, 'User') });
    return { friendRequest, userErrors: [] };
  }

  @Authorized(AccessScope.WRITE_SOCIAL)
  @Mutation(() => FriendRequestPayload)
  acceptFriendRequest(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('requestId', () => ID) requestId: string,
  ): Promise<FriendRequestPayload> {
    return respond(ctx, actor, requestId, 'accept');
  }

  @Authorized(AccessScope.WRITE_SOCIAL)
  @Mutation(() => FriendRequestPayload)
  declineFriendRequest(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('requestId', () => ID) requestId: string,
  ): Promise<FriendRequestPayload> {
    return respond(ctx, actor, requestId, 'decline');
  }

  @Authorized(AccessScope.WRITE_SOCIAL)
  @Mutation(() => FriendRequestPayload)
  cancelFriendRequest(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('requestId', () => ID) requestId: string,
  ): Promise<FriendRequestPayload> {
    return respond(ctx, actor, requestId, 'cancel');
  }

  @Authorized(AccessScope.WRITE_SOCIAL)
  @Mutation(() => UserPayload)
  removeFriend(@Ctx() ctx: Context, @CurrentUser() actor: Actor, @Arg('userId', () => ID) userId: string): Promise<UserPayload> {
    return userPayload(ctx, ctx.services.friends.removeFriend(actor, ctx.em, { userId: fromGlobalId(userId, 'User') }));
  }

  @Authorized(AccessScope.WRITE_SOCIAL)
  @Mutation(() => UserPayload)
  followUser(@Ctx() ctx: Context, @CurrentUser() actor: Actor, @Arg('userId', () => ID) userId: string): Promise<UserPayload> {
    return userPayload(ctx, ctx.services.friends.follow(actor, ctx.em, { userId: fromGlobalId(userId, 'User') }));
  }

  @Authorized(AccessScope.WRITE_SOCIAL)
  @Mutation(() => UserPayload)
  unfollowUser(@Ctx() ctx: Context, @CurrentUser() actor: Actor, @Arg('userId', () => ID) userId: string): Promise<UserPayload> {
    return userPayload(ctx, ctx.services.friends.unfollow(actor, ctx.em, { userId: fromGlobalId(userId, 'User') }));
  }

  @Authorized(AccessScope.WRITE_SOCIAL)
  @Mutation(() => UserPayload, { description: 'Also ends any friendship, follow in either direction and pending request between the two.' })
  blockUser(@Ctx() ctx: Context, @CurrentUser() actor: Actor, @Arg('userId', () => ID) userId: string): Promise<UserPayload> {
    return userPayload(ctx, ctx.services.friends.block(actor, ctx.em, { userId: fromGlobalId(userId, 'User') }));
  }

  @Authorized(AccessScope.WRITE_SOCIAL)
  @Mutation(() => UserPayload)
  unblockUser(@Ctx() ctx: Context, @CurrentUser() actor: Actor, @Arg('userId', () => ID) userId: string): Promise<UserPayload> {
    return userPayload(ctx, ctx.services.friends.unblock(actor, ctx.em, { userId: fromGlobalId(userId, 'User') }));
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

async function respond(ctx: Context, actor: Actor, requestId: string, action: RequestAction): Promise<FriendRequestPayload> {
  const friendRequest = await ctx.services.friends.respond(actor, ctx.em, { requestId: fromGlobalId(requestId, 'FriendRequest'), action });
  return { friendRequest, userErrors: [] };
}

/** The other user of a user-to-user action, read after the change. */
async function userPayload(ctx: Context, action: Promise<string>): Promise<UserPayload> {
  const target = await action;
  return { user: await userById(ctx).load(target), userErrors: [] };
}

export { FriendsUserFieldsResolver } from './friends.users.resolver.js';

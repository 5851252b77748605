import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../kernel/errors.js';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { AccessScope } from '../../kernel/actor.js';
import { CurrentUser, requireActor } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import type { Actor } from '../../kernel/actor.js';
import { invalid, notFound } from '../../kernel/errors.js';
import { fromGlobalId } from '../../kernel/ids.js';
import { User } from '../accounts/index.js';
import { userById, UserObject } from '../accounts/graphql.js';
import { type Notification } from '../notifications/index.js';
import { NotificationObject } from '../notifications/graphql.js';
import { Call } from './calls.entity.js';
import type { CalleeStatusRow } from './calls.repository.js';
import {
  CallCalleeObject,
  CallCalleeStatus,
  CallConnection,
  CallObject,
  CallPayload,
  InviteToCallInput,
  PrepareCallAnswerInput,
} from './calls.types.js';
import { callTopic, incomingCallTopic, type CallEvent } from './facechat.events.js';
import { callById, calleeIdsOfCall, calleeStatusesOfCall, roomById, viewerIsParticipantOf } from './facechat.loaders.js';
import { MAX_CAPACITY } from './rooms.settings.js';
import { FacechatRoomObject } from './rooms.types.js';

registerNodeType('Call', Call, (ctx, id) => callById(ctx).load(id));

/** The raw id of a Call global id; a malformed one is NOT_FOUND on `callId`. */
function callIdOf(globalId: string): string {
  const rawId = fromGlobalId(globalId, 'Call');
  if (!rawId) throw notFound('That call does not exist.', ['callId']);
  return rawId;
}

@Resolver(() => CallObject)
class CallsResolver {
  @Authorized()
  @Query(() => CallConnection, { description: "The viewer's call history, newest first." })
  calls(@Ctx() ctx: Context, @CurrentUser() actor: Actor, @Args(() => PageArgs) page: PageArgs) {
    return ctx.services.facechat.callHistory(actor, ctx.em, { first: page.first, after: page.after });
  }

  @Authorized(AccessScope.CALLS)
  @Mutation(() => CallPayload, { description: 'Rings one or more friends; the caller gets room access at once.' })
  async startCall(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('calleeIds', () => [ID], { description: 'Friends of the viewer to ring (User ids).' }) calleeIds: string[],
  ): Promise<CallPayload> {
    const raw = calleeIds.map((id) => fromGlobalId(id, 'User'));
    if (raw.some((id) => id === null)) throw invalid(['calleeIds'], 'Those are not all user ids.');
    return { ...(await ctx.services.facechat.startCall(actor, ctx.em, raw as string[])), userErrors: [] };
  }

  @Authorized(AccessScope.CALLS)
  @Mutation(() => CallPayload, {
    description:
      "Callee only: accept a ringing call; the payload's `access` connects to it. Codes: NOT_FOUND, FORBIDDEN, CONFLICT (no longer ringing), FULL, UNAVAILABLE.",
  })
  async acceptCall(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('callId', () => ID, { description: 'The call to accept (a Call id).' }) callId: string,
  ): Promise<CallPayload> {
    return { ...(await ctx.services.facechat.acceptCall(actor, ctx.em, callIdOf(callId))), userErrors: [] };
  }

  @Authorized(AccessScope.CALLS)
  @Mutation(() => CallPayload, {
    description:
      'A callee whose call rings connects at once, hidden and sending nothing, so that acceptCall only switches their ' +
      'media on (instant connect). Declining or missing leaves no trace for the others. `access` is that early ' +
      'connection: it may publish camera and microphone (open them to others only once promoted) and subscribe (connect ' +
      'with auto-subscribe off and subscribe when the user answers: the caller expects to be seen once answered, not ' +
      'before); after acceptCall the same connection is visible and sends data.',
  })
  async prepareCallAnswer(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => PrepareCallAnswerInput, { description: 'The ringing call to get ready for.' }) input: PrepareCallAnswerInput,
  ): Promise<CallPayload> {
    return { ...(await ctx.services.facechat.prepareCallAnswer(actor, ctx.em, callIdOf(input.callId))), userErrors: [] };
  }

  @Authorized(AccessScope.CALLS)
  @Mutation(() => CallPayload, { description: 'Callee only: decline a ringing call; the caller sees DECLINED once every callee declined.' })
  async declineCall(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('callId', () => ID, { description: 'The call to decline (a Call id).' }) callId: string,
  ): Promise<CallPayload> {
    return { call: await ctx.services.facechat.declineCall(actor, ctx.em, callIdOf(callId)), userErrors: [] };
  }

  @Authorized(AccessScope.CALLS)
  @Mutation(() => CallPayload, { description: 'The caller cancels while ringing, or any participant hangs up.' })
  async endCall(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('callId', () => ID, { description: 'The call to hang up (a Call id).' }) callId: string,
  ): Promise<CallPayload> {
    return { call: await ctx.services.facechat.endCall(actor, ctx.em, callIdOf(callId)), userErrors: [] };
  }

  @Authorized(AccessScope.CALLS)
  @Mutation(() => CallPayload, {
    description: `Someone in a ringing or accepted call rings more of their friends (up to the room's capacity of ${MAX_CAPACITY} people).
Those ringing or in the call already are skipped; those who declined, missed it or left ring again.
Codes: CONFLICT (the call is over), FORBIDDEN (not in the call, not friends, blocks), FULL, NOT_FOUND, INVALID.`,
  })
  async inviteToCall(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => InviteToCallInput, { description: 'The call and the friends to ring.' }) input: InviteToCallInput,
  ): Promise<CallPayload> {
    const userIds = input.userIds.map((id) => fromGlobalId(id, 'User'));
    if (userIds.some((id) => id === null)) throw invalid(['input', 'userIds'], 'Those are not all user ids.');
    const callId = fromGlobalId(input.callId, 'Call');
    if (!callId) throw notFound('That call does not exist.', ['input', 'callId']);
    return { call: await ctx.services.facechat.inviteToCall(actor, ctx.em, { callId, userIds: userIds as string[] }), userErrors: [] };
  }

  @Authorized(AccessScope.CALLS)
  @Subscription(() => CallObject, {
    description: 'Calls in which the viewer is a callee, when they start ringing (also when someone in the call adds them).',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      return ctx.pubsub.subscribe(incomingCallTopic(requireActor(ctx).id), ctx);
    },
  })
  incomingCall(@Root() event: CallEvent, @Ctx() ctx: Context): Promise<Call | null> {
    return callById(ctx).load(event.callId);
  }

  @Authorized(AccessScope.CALLS)
  @Subscription(() => CallObject, {
    description: 'Every status change of a call the viewer takes part in (of every such call when callId is omitted).',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const actor = requireActor(ctx);
      const globalId = (args as { callId?: string | null }).callId;
      const rawId = globalId ? fromGlobalId(globalId, 'Call') : null;
      if (globalId && (!rawId || !(await callById(ctx).load(rawId)))) {
        throw new GraphQLError('That call does not exist.', { extensions: { code: ErrorCode.NOT_FOUND } });
      }
      return ctx.pubsub.subscribe<CallEvent>(callTopic(actor.id), ctx, (event) => !rawId || event.callId === rawId);
    },
  })
  callUpdated(
    @Root() event: CallEvent,
    @Ctx() ctx: Context,
    @Arg('callId', () => ID, { nullable: true, description: 'One call (a Call id); omitted: every call the viewer takes part in.' })
    _callId?: string | null,
  ): Promise<Call | null> {
    return callById(ctx).load(event.callId);
  }

  @FieldResolver(() => UserObject, { description: 'Who started the call.' })
  caller(@Root() call: Call, @Ctx() ctx: Context) {
    return userById(ctx).load(call.callerId);
  }

  @FieldResolver(() => [UserObject], { description: 'Everyone the call rings or rang, the caller excluded.' })
  async callees(@Root() call: Call, @Ctx() ctx: Context): Promise<User[]> {
    const ids = await calleeIdsOfCall(ctx).load(call.id);
    return (await userById(ctx).loadMany(ids)).filter((u): u is User => !!u && !(u instanceof Error));
  }

  @FieldResolver(() => [CallCalleeObject], { description: 'Each callee and their answer, in the order they were rung.' })
  calleeStatuses(@Root() call: Call, @Ctx() ctx: Context): Promise<CalleeStatusRow[]> {
    return calleeStatusesOfCall(ctx).load(call.id);
  }

  @FieldResolver(() => Boolean, {
    description: 'The viewer is in this call (caller, or a callee who accepted) while it is on or ringing, and a seat is free.',
  })
  async viewerCanInvite(@Root() call: Call, @Ctx() ctx: Context): Promise<boolean> {
    const viewerId = ctx.actor?.id;
    if (!viewerId || (call.status !== 'RINGING' && call.status !== 'ACCEPTED')) return false;
    const callees = await calleeStatusesOfCall(ctx).load(call.id);
    const mine = callees.find((c) => c.userId === viewerId);
    if (call.callerId !== viewerId && mine?.response !== 'ACCEPTED') return false;
    const seated = 1 + callees.filter((c) => c.response === 'RINGING' || c.response === 'ACCEPTED').length;
    return seated < MAX_CAPACITY && viewerIsParticipantOf(ctx).load(call.roomId);
  }

  @FieldResolver(() => FacechatRoomObject, {
    description: 'The room the call takes place in (join it with `joinRoom`, or use the `access` of startCall/acceptCall).',
  })
  room(@Root() call: Call, @Ctx() ctx: Context) {
    return roomById(ctx).load(call.roomId);
  }
}

/** `CallCallee.user` and `invitedBy` (rows of `Call.calleeStatuses`, whose call the viewer sees). */
@Resolver(() => CallCalleeObject)
class CallCalleeResolver {
  @FieldResolver(() => UserObject, { description: 'The person rung.' })
  user(@Root() row: CalleeStatusRow, @Ctx() ctx: Context) {
    return userById(ctx).load(row.userId);
  }

  @FieldResolver(() => UserObject, { description: 'Who rang them: the caller, or someone in the call who added them later.' })
  invitedBy(@Root() row: CalleeStatusRow, @Ctx() ctx: Context) {
    return userById(ctx).load(row.invitedBy);
  }

  @FieldResolver(() => CallCalleeStatus, { description: 'Their answer so far.' })
  status(@Root() row: CalleeStatusRow): CallCalleeStatus {
    return row.response as CallCalleeStatus;
  }
}

/** `Notification.call` (MISSED_CALL, SCREENSHOT in a call). */
@Resolver(() => NotificationObject)
class CallNotificationResolver {
  @FieldResolver(() => CallObject, {
    nullable: true,
    description: 'The call it is about (MISSED_CALL, SCREENSHOT taken in a call); null otherwise.',
  })
  call(@Root() notification: Notification, @Ctx() ctx: Context) {
    return notification.callId ? callById(ctx).load(notification.callId) : null;
  }
}

export const callResolvers = [CallsResolver, CallCalleeResolver, CallNotificationResolver];

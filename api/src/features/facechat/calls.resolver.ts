import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { fromGlobalId } from '../../graphql/ids.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs, paginate } from '../../graphql/relay.js';
import { requireViewer } from '../accounts/index.js';
import type { User } from '../accounts/index.js';
import { userById } from '../accounts/index.js';
import { UserObject } from '../accounts/index.js';
import type { Notification } from '../notifications/index.js';
import { NotificationObject } from '../notifications/index.js';
import { keysetSql, timeKey } from '../../kernel/pagination.js';
import { roomById } from './rooms.loaders.js';
import { FacechatRoomObject } from './rooms.types.js';
import { Call } from './calls.entity.js';
import { callById, calleeIdsOfCall } from './calls.loaders.js';
import { callTopic, incomingCallTopic, type CallEvent } from './calls.service.js';
import { CallConnection, CallObject, CallPayload } from './calls.types.js';

registerNodeType('Call', Call, (ctx, id) => callById(ctx).load(id));

@Resolver(() => CallObject)
export class CallsResolver {
  @Query(() => CallConnection, { description: "The viewer's call history, newest first." })
  calls(@Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    const viewer = requireViewer(ctx);
    const conn = ctx.em;
    const mine = `(c.caller_id = ? or exists (select 1 from call_callees cc where cc.call_id = c.id and cc.user_id = ?))`;
    return paginate({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: async (limit, after) => {
        const key = keysetSql('c', after, 'desc');
        const rows = await conn.execute(`select c.* from calls c where ${mine} and ${key.sql} order by c.created_at desc, c.id desc limit ?`,
          [viewer.id, viewer.id, ...key.params, limit]);
        return rows.map((row) => ctx.em.map(Call, row));
      },
      keyOf: timeKey,
      count: async () => (await conn.execute(`select count(*)::int as n from calls c where ${mine}`, [viewer.id, viewer.id]))[0].n,
    });
  }

  @Mutation(() => CallPayload, { description: 'Rings one or more friends; the caller gets room access at once.' })
  async startCall(@Ctx() ctx: Context, @Arg('calleeIds', () => [ID]) calleeIds: string[]): Promise<CallPayload> {
    const viewer = requireViewer(ctx);
    return { ...(await ctx.services.calls.start(ctx, viewer.id, calleeIds)), userErrors: [] };
  }

  @Mutation(() => CallPayload)
  async acceptCall(@Ctx() ctx: Context, @Arg('callId', () => ID) callId: string): Promise<CallPayload> {
    const viewer = requireViewer(ctx);
    return { ...(await ctx.services.calls.accept(ctx, viewer.id, callId)), userErrors: [] };
  }

  @Mutation(() => CallPayload)
  async declineCall(@Ctx() ctx: Context, @Arg('callId', () => ID) callId: string): Promise<CallPayload> {
    const viewer = requireViewer(ctx);
    return { call: await ctx.services.calls.decline(ctx, viewer.id, callId), userErrors: [] };
  }

  @Mutation(() => CallPayload, { description: 'The caller cancels while ringing, or any participant hangs up.' })
  async endCall(@Ctx() ctx: Context, @Arg('callId', () => ID) callId: string): Promise<CallPayload> {
    const viewer = requireViewer(ctx);
    return { call: await ctx.services.calls.end(ctx, viewer.id, callId), userErrors: [] };
  }

  @Subscription(() => CallObject, {
    description: 'Calls in which the viewer is a callee, when they start ringing.',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      return ctx.pubsub.subscribe(incomingCallTopic(requireViewer(ctx).id), ctx);
    },
  })
  incomingCall(@Root() event: CallEvent, @Ctx() ctx: Context): Promise<Call | null> {
    return callById(ctx).load(event.callId);
  }

  @Subscription(() => CallObject, {
    description: 'Every status change of a call the viewer takes part in (of every such call when callId is omitted).',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const viewer = requireViewer(ctx);
      const globalId = (args as { callId?: string | null }).callId;
      const rawId = globalId ? fromGlobalId(globalId, 'Call') : null;
      if (globalId && (!rawId || !(await callById(ctx).load(rawId)))) {
        throw new GraphQLError('That call does not exist.', { extensions: { code: 'NOT_FOUND' } });
      }
      return ctx.pubsub.subscribe<CallEvent>(callTopic(viewer.id), ctx, (event) => !rawId || event.callId === rawId);
    },
  })
  callUpdated(@Root() event: CallEvent, @Ctx() ctx: Context, @Arg('callId', () => ID, { nullable: true }) _callId?: string | null): Promise<Call | null> {
    return callById(ctx).load(event.callId);
  }

  @FieldResolver(() => UserObject)
  caller(@Root() call: Call, @Ctx() ctx: Context) {
    return userById(ctx).load(call.callerId);
  }

  @FieldResolver(() => [UserObject])
  async callees(@Root() call: Call, @Ctx() ctx: Context): Promise<User[]> {
    const ids = await calleeIdsOfCall(ctx).load(call.id);
    return (await userById(ctx).loadMany(ids)).filter((u): u is User => !!u && !(u instanceof Error));
  }

  @FieldResolver(() => FacechatRoomObject)
  room(@Root() call: Call, @Ctx() ctx: Context) {
    return roomById(ctx).load(call.roomId);
  }
}

/** `Notification.call` (MISSED_CALL, SCREENSHOT in a call). */
@Resolver(() => NotificationObject)
export class CallNotificationResolver {
  @FieldResolver(() => CallObject, { nullable: true })
  call(@Root() notification: Notification, @Ctx() ctx: Context) {
    return notification.callId ? callById(ctx).load(notification.callId) : null;
  }
}

export const callResolvers = [CallsResolver, CallNotificationResolver];

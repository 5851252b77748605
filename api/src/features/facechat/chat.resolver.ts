import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../kernel/errors.js';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { AccessScope } from '../../kernel/actor.js';
import { CurrentUser, PUBLIC } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import type { Actor } from '../../kernel/actor.js';
import { fromGlobalId } from '../../kernel/ids.js';
import { emptyConnection } from '../../kernel/pagination.js';
import { userById, UserObject } from '../accounts/graphql.js';
import { ChatMessage } from './chat.entity.js';
import { ChatMessageConnection, ChatMessageObject, ChatMessagePayload } from './chat.types.js';
import { chatTopic, type ChatEvent } from './facechat.events.js';
import { chatMessageById, roomById } from './facechat.loaders.js';
import { roomIdOf } from './rooms.resolver.js';
import { FacechatRoomObject } from './rooms.types.js';

registerNodeType('ChatMessage', ChatMessage, (ctx, id) => chatMessageById(ctx).load(id));

@Resolver(() => ChatMessageObject)
export class ChatResolver {
  @Query(() => ChatMessageConnection, {
    description:
      "A room's chat, NEWEST FIRST (page backwards with `after`), for anyone who may see the room; authors blocked either way are left out.",
  })
  async chatMessages(
    @Ctx() ctx: Context,
    @Arg('roomId', () => ID, { description: 'The room whose messages to list.' }) roomId: string,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    const rawId = fromGlobalId(roomId, 'FacechatRoom');
    if (!rawId) return emptyConnection();
    return ctx.services.facechat.chatMessages(ctx.actor, ctx.em, { roomId: rawId, first: page.first, after: page.after });
  }

  @Authorized(AccessScope.CALLS)
  @Mutation(() => ChatMessagePayload, { description: 'Participants of the room only; 1–1,000 characters.' })
  async sendChatMessage(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('roomId', () => ID, { description: 'The room to write in; the viewer must be a participant.' }) roomId: string,
    @Arg('body', () => String, { description: 'The text, 1–1,000 characters.' }) body: string,
  ): Promise<ChatMessagePayload> {
    return {
      message: await ctx.services.facechat.sendChatMessage(actor, ctx.em, { roomId: roomIdOf(roomId, 'roomId'), body }),
      userErrors: [],
    };
  }

  @Authorized(PUBLIC, AccessScope.CALLS)
  @Subscription(() => ChatMessageObject, {
    description: 'New messages of a room, for people who may see the room.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const { facechat, friends } = ctx.services;
      const rawId = fromGlobalId((args as { roomId: string }).roomId, 'FacechatRoom');
      if (!rawId || !(await facechat.canSeeRoom(ctx.actor, ctx.em, rawId))) {
        throw new GraphQLError('That room does not exist or is not open to you.', { extensions: { code: ErrorCode.NOT_FOUND } });
      }
      return ctx.pubsub.subscribe<ChatEvent>(
        chatTopic(rawId),
        ctx,
        async (event) =>
          !(ctx.actor && (await friends.isBlockedEither(ctx.em, ctx.actor.id, event.authorId))) &&
          facechat.canSeeRoom(ctx.actor, ctx.em, rawId),
      );
    },
  })
  chatMessageAdded(
    @Root() event: ChatEvent,
    @Ctx() ctx: Context,
    @Arg('roomId', () => ID, { description: 'The room to follow.' }) _roomId: string,
  ): Promise<ChatMessage | null> {
    return chatMessageById(ctx).load(event.messageId);
  }

  @FieldResolver(() => FacechatRoomObject, { description: 'The room it was written in.' })
  room(@Root() message: ChatMessage, @Ctx() ctx: Context) {
    return roomById(ctx).load(message.roomId);
  }

  @FieldResolver(() => UserObject, { description: 'Who wrote the message.' })
  author(@Root() message: ChatMessage, @Ctx() ctx: Context) {
    return userById(ctx).load(message.authorId);
  }
}

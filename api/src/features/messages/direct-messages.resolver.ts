import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { CurrentUser, requireActor } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import type { Actor } from '../../kernel/actor.js';
import { ErrorCode } from '../../kernel/errors.js';
import { fromGlobalId } from '../../kernel/ids.js';
import { userById, UserObject } from '../accounts/graphql.js';
import { mediaById, MediaObject } from '../media/graphql.js';
import { conversationIdOf, subscribedConversation } from './conversations.resolver.js';
import { DirectMessage } from './messages.entity.js';
import { directMessageTopic, typingTopic, type DirectMessageEvent, type TypingEventData } from './messages.events.js';
import { conversationById, directMessageById } from './messages.loaders.js';
import type { DirectMessageRecord } from './messages.rows.js';
import {
  ConversationObject,
  DirectMessageObject,
  DirectMessagePayload,
  SendDirectMessageInput,
  SetTypingInput,
  SetTypingPayload,
  TypingEvent,
} from './messages.types.js';

registerNodeType('DirectMessage', DirectMessage, (ctx, id) => directMessageById(ctx).load(id));

@Resolver(() => DirectMessageObject)
export class DirectMessagesResolver {
  @Authorized()
  @Mutation(() => DirectMessagePayload, {
    description:
      'Sends text (≤ 2,000 characters) and/or an image the viewer uploaded; members get it live through `directMessageAdded`. No notification is made.',
  })
  async sendDirectMessage(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => SendDirectMessageInput, { description: 'The conversation and the message.' }) input: SendDirectMessageInput,
  ): Promise<DirectMessagePayload> {
    const hasMedia = input.mediaId !== null && input.mediaId !== undefined;
    const message = await ctx.services.messages.send(actor, ctx.em, {
      conversationId: conversationIdOf(input.conversationId),
      body: input.body,
      mediaId: hasMedia ? fromGlobalId(input.mediaId!, 'Media') : null,
      hasMedia,
      clientId: input.clientId,
    });
    return { message, userErrors: [] };
  }

  @Authorized()
  @Mutation(() => SetTypingPayload, {
    description: 'Tells the other members the viewer is typing (repeat every few seconds) or stopped; not stored.',
  })
  async setTyping(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => SetTypingInput, { description: 'The conversation and whether the viewer is typing.' }) input: SetTypingInput,
  ): Promise<SetTypingPayload> {
    await ctx.services.messages.setTyping(actor, ctx.em, { conversationId: conversationIdOf(input.conversationId), typing: input.typing });
    return { userErrors: [] };
  }

  @Subscription(() => DirectMessageObject, {
    description: "New messages in the viewer's conversations, the viewer's own included (for their other tabs).",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const actor = requireActor(ctx);
      const only = await subscribedConversation(ctx, (args as { conversationId?: string | null }).conversationId);
      return ctx.pubsub.subscribe<DirectMessageEvent>(
        directMessageTopic(actor.id),
        ctx,
        async (event) => (!only || event.conversationId === only) && !!(await directMessageById(ctx).load(event.messageId)),
      );
    },
  })
  async directMessageAdded(
    @Root() event: DirectMessageEvent,
    @Ctx() ctx: Context,
    @Arg('conversationId', () => ID, { nullable: true, description: "Only this Conversation; omitted: all of the viewer's." })
    _conversationId?: string | null,
  ): Promise<DirectMessageRecord> {
    return (await directMessageById(ctx).load(event.messageId))!;
  }

  @Subscription(() => TypingEvent, {
    description: 'Other members of the conversation starting or stopping to type (typing: false when they stop or send).',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const actor = requireActor(ctx);
      const rawId = conversationIdOf((args as { conversationId: string }).conversationId);
      if (!rawId || !(await conversationById(ctx).load(rawId)))
        throw new GraphQLError('That conversation does not exist.', { extensions: { code: ErrorCode.NOT_FOUND } });
      const { friends } = ctx.services;
      return ctx.pubsub.subscribe<TypingEventData>(
        typingTopic(rawId),
        ctx,
        async (event) =>
          event.userId !== actor.id &&
          !(await friends.isBlockedEither(ctx.em, actor.id, event.userId)) &&
          !!(await conversationById(ctx).load(event.conversationId)),
      );
    },
  })
  async typing(
    @Root() event: TypingEventData,
    @Ctx() ctx: Context,
    @Arg('conversationId', () => ID, { description: 'The Conversation.' }) _conversationId: string,
  ): Promise<TypingEvent> {
    return {
      conversation: (await conversationById(ctx).load(event.conversationId))!,
      user: (await userById(ctx).load(event.userId))!,
      typing: event.typing,
    };
  }

  @FieldResolver(() => ConversationObject, { description: 'The conversation it belongs to.' })
  async conversation(@Root() message: DirectMessageRecord, @Ctx() ctx: Context) {
    return conversationById(ctx).load(message.conversationId);
  }

  @FieldResolver(() => UserObject, { description: 'Who wrote it; for call events, the caller.' })
  author(@Root() message: DirectMessageRecord, @Ctx() ctx: Context) {
    return userById(ctx).load(message.authorId);
  }

  @FieldResolver(() => MediaObject, { nullable: true, description: "TEXT: the attached image (an upload of the author's), if any." })
  image(@Root() message: DirectMessageRecord, @Ctx() ctx: Context) {
    return message.mediaId ? mediaById(ctx).load(message.mediaId) : null;
  }
}

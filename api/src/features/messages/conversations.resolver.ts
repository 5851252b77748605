import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { CurrentUser, requireActor } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import type { Actor } from '../../kernel/actor.js';
import { ErrorCode } from '../../kernel/errors.js';
import { fromGlobalId, toGlobalId } from '../../kernel/ids.js';
import { userById, UserObject } from '../accounts/graphql.js';
import { Conversation } from './messages.entity.js';
import { conversationReadTopic, type ConversationReadEventData } from './messages.events.js';
import { canSendIn, conversationById, directMessageById, memberIdsOf, readReceiptsOf, unreadCountOf } from './messages.loaders.js';
import type { ConversationRecord } from './messages.rows.js';
import {
  ConversationConnection,
  ConversationObject,
  ConversationPayload,
  ConversationReadEvent,
  ConversationReadReceipt,
  DirectMessageConnection,
  DirectMessageObject,
  MarkConversationReadInput,
  StartConversationInput,
} from './messages.types.js';

registerNodeType('Conversation', Conversation, (ctx, id) => conversationById(ctx).load(id));

export const conversationIdOf = (globalId: string | null | undefined) => (globalId ? fromGlobalId(globalId, 'Conversation') : null);

/** A subscription's optional conversation filter: the raw id, after checking the viewer is a member. */
export async function subscribedConversation(ctx: Context, globalId: string | null | undefined): Promise<string | null> {
  if (globalId === null || globalId === undefined) return null;
  const rawId = conversationIdOf(globalId);
  if (!rawId || !(await conversationById(ctx).load(rawId)))
    throw new GraphQLError('That conversation does not exist.', { extensions: { code: ErrorCode.NOT_FOUND } });
  return rawId;
}

@Resolver(() => ConversationObject)
export class ConversationsResolver {
  @Authorized()
  @Query(() => ConversationConnection, { description: "The viewer's conversations, most recent activity first." })
  conversations(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'At most 100.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string | null,
  ) {
    return ctx.services.messages.conversations(actor, ctx.em, { first, after });
  }

  @Authorized()
  @Query(() => ConversationObject, {
    nullable: true,
    description: 'One conversation of the viewer; null if they are not a member (as `node(id)`).',
  })
  async conversation(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'A Conversation id.' }) id: string) {
    const rawId = conversationIdOf(id);
    return rawId ? conversationById(ctx).load(rawId) : null;
  }

  @Authorized()
  @Query(() => Int, {
    description: "How many of the viewer's conversations hold messages by others they have not read (the navigation badge).",
  })
  viewerUnreadConversationCount(@Ctx() ctx: Context, @CurrentUser() actor: Actor) {
    return ctx.services.messages.unreadConversationCount(actor, ctx.em);
  }

  @Authorized()
  @Mutation(() => ConversationPayload, {
    description:
      'Starts a conversation with 1–7 friends or mutual followers (nobody blocked either way); with one person the existing 1:1 conversation is returned when there is one.',
  })
  async startConversation(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => StartConversationInput, { description: 'Whom to talk to.' }) input: StartConversationInput,
  ): Promise<ConversationPayload> {
    const userIds = (input.userIds ?? []).map((id) => fromGlobalId(id, 'User'));
    return { conversation: await ctx.services.messages.start(actor, ctx.em, { userIds, title: input.title }), userErrors: [] };
  }

  @Authorized()
  @Mutation(() => ConversationPayload, {
    description: "Moves the viewer's read mark forward (never back) to a message, or to the newest one; the other members see it live.",
  })
  async markConversationRead(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => MarkConversationReadInput, { description: 'The conversation and the newest message read.' })
    input: MarkConversationReadInput,
  ): Promise<ConversationPayload> {
    const hasMessageId = input.messageId !== null && input.messageId !== undefined;
    const conversation = await ctx.services.messages.markRead(actor, ctx.em, {
      conversationId: conversationIdOf(input.conversationId),
      messageId: hasMessageId ? fromGlobalId(input.messageId!, 'DirectMessage') : null,
      hasMessageId,
    });
    return { conversation, userErrors: [] };
  }

  @Subscription(() => ConversationReadEvent, {
    description: "A member of one of the viewer's conversations moved their read mark (the viewer's own marks too, for their other tabs).",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const actor = requireActor(ctx);
      const only = await subscribedConversation(ctx, (args as { conversationId?: string | null }).conversationId);
      return ctx.pubsub.subscribe<ConversationReadEventData>(
        conversationReadTopic(actor.id),
        ctx,
        async (event) => (!only || event.conversationId === only) && !!(await conversationById(ctx).load(event.conversationId)),
      );
    },
  })
  async conversationRead(
    @Root() event: ConversationReadEventData,
    @Ctx() ctx: Context,
    @Arg('conversationId', () => ID, { nullable: true, description: "Only this Conversation; omitted: all of the viewer's." })
    _conversationId?: string | null,
  ): Promise<ConversationReadEvent> {
    return {
      conversation: (await conversationById(ctx).load(event.conversationId))!,
      user: (await userById(ctx).load(event.userId))!,
      lastReadMessageId: event.lastReadMessageId ? toGlobalId('DirectMessage', event.lastReadMessageId) : null,
      lastReadAt: new Date(event.lastReadAt),
    };
  }

  @FieldResolver(() => [UserObject], { description: 'Everyone in the conversation, the viewer included, in the order they joined.' })
  async members(@Root() conversation: ConversationRecord, @Ctx() ctx: Context) {
    const ids = await memberIdsOf(ctx).load(conversation.id);
    const users = await userById(ctx).loadMany(ids);
    return users.filter((u) => u && !(u instanceof Error));
  }

  @FieldResolver(() => DirectMessageObject, { nullable: true, description: 'The newest message; null before the first one.' })
  lastMessage(@Root() conversation: ConversationRecord, @Ctx() ctx: Context) {
    return conversation.lastMessageId ? directMessageById(ctx).load(conversation.lastMessageId) : null;
  }

  @FieldResolver(() => Int, { description: "Messages by others after the viewer's read mark." })
  viewerUnreadCount(@Root() conversation: ConversationRecord, @Ctx() ctx: Context) {
    return unreadCountOf(ctx).load(conversation.id);
  }

  @FieldResolver(() => Boolean, {
    description:
      'False when a block separates the viewer from a member, or (1:1) the two are no longer friends or mutual followers: sending is refused.',
  })
  viewerCanSend(@Root() conversation: ConversationRecord, @Ctx() ctx: Context) {
    return canSendIn(ctx).load(conversation);
  }

  @FieldResolver(() => [ConversationReadReceipt], { description: "The other members' read marks." })
  async readReceipts(@Root() conversation: ConversationRecord, @Ctx() ctx: Context): Promise<ConversationReadReceipt[]> {
    const marks = await readReceiptsOf(ctx).load(conversation.id);
    const users = await userById(ctx).loadMany(marks.map((m) => m.userId));
    return marks.flatMap((mark, i) => {
      const user = users[i];
      if (!user || user instanceof Error) return [];
      return [
        {
          user,
          lastReadMessageId: mark.lastReadMessageId ? toGlobalId('DirectMessage', mark.lastReadMessageId) : null,
          lastReadAt: mark.lastReadAt,
        },
      ];
    });
  }

  @FieldResolver(() => DirectMessageConnection, { description: 'The messages, NEWEST FIRST: `after` pages to older ones.' })
  messages(
    @Root() conversation: ConversationRecord,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: 30, description: 'At most 100.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous (newer) page.' }) after?: string | null,
  ) {
    return ctx.services.messages.messages(requireActor(ctx), ctx.em, conversation.id, { first, after });
  }
}

import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { loader, type Context } from '../../graphql/context.js';
import { fromGlobalId } from '../../graphql/ids.js';
import { registerNodeType } from '../../graphql/node.js';
import { emptyConnection, PageArgs, paginate } from '../../graphql/relay.js';
import { requireViewer } from '../accounts/index.js';
import { userById } from '../accounts/index.js';
import { UserObject } from '../accounts/index.js';
import { blockedSql, isBlockedEither } from '../friends/index.js';
import { keysetSql, timeKey } from '../../kernel/pagination.js';
import { canSeeRoom } from './rooms.access.js';
import { roomById, visibleRoomById } from './rooms.loaders.js';
import { FacechatRoomObject } from './rooms.types.js';
import { ChatMessage } from './chat.entity.js';
import { chatTopic, type ChatEvent } from './chat.service.js';
import { ChatMessageConnection, ChatMessageObject, ChatMessagePayload } from './chat.types.js';

/** Messages by raw id; the room must be visible to the viewer and the author not blocked either way. */
function chatMessageById(ctx: Context): DataLoader<string, ChatMessage | null> {
  return loader(ctx, 'chatMessageById', () => new DataLoader<string, ChatMessage | null>(async (ids) => {
    const hidden = blockedSql('m.author_id', ctx.viewer?.id ?? null);
    const rows = await ctx.em.execute(
      `select m.* from chat_messages m where m.id in (?) and not (${hidden.sql})`, [[...ids], ...hidden.params]);
    const messages = rows.map((row: Record<string, unknown>) => ctx.em.map(ChatMessage, row));
    const rooms = await visibleRoomById(ctx).loadMany(messages.map((m) => m.roomId));
    const byId = new Map(messages.filter((_, i) => rooms[i] && !(rooms[i] instanceof Error)).map((m) => [m.id, m]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

registerNodeType('ChatMessage', ChatMessage, (ctx, id) => chatMessageById(ctx).load(id));

@Resolver(() => ChatMessageObject)
export class ChatResolver {
  @Query(() => ChatMessageConnection, {
    description: "A room's chat, NEWEST FIRST (page backwards with `after`), for anyone who may see the room; authors blocked either way are left out.",
  })
  async chatMessages(@Ctx() ctx: Context, @Arg('roomId', () => ID) roomId: string, @Args(() => PageArgs) page: PageArgs) {
    const rawId = fromGlobalId(roomId, 'FacechatRoom');
    if (!rawId || !(await canSeeRoom(ctx.em, rawId, ctx.viewer?.id ?? null))) return emptyConnection();
    const hidden = blockedSql('m.author_id', ctx.viewer?.id ?? null);
    const conn = ctx.em;
    return paginate({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: async (limit, after) => {
        const key = keysetSql('m', after, 'desc');
        const rows = await conn.execute(
          `select m.* from chat_messages m where m.room_id = ? and not (${hidden.sql}) and ${key.sql}
           order by m.created_at desc, m.id desc limit ?`, [rawId, ...hidden.params, ...key.params, limit]);
        return rows.map((row) => ctx.em.map(ChatMessage, row));
      },
      keyOf: timeKey,
      count: async () => (await conn.execute(
        `select count(*)::int as n from chat_messages m where m.room_id = ? and not (${hidden.sql})`, [rawId, ...hidden.params]))[0].n,
    });
  }

  @Mutation(() => ChatMessagePayload, { description: 'Participants of the room only; 1–1,000 characters.' })
  async sendChatMessage(@Ctx() ctx: Context, @Arg('roomId', () => ID) roomId: string, @Arg('body', () => String) body: string): Promise<ChatMessagePayload> {
    const viewer = requireViewer(ctx);
    return { message: await ctx.services.chat.send(ctx, viewer.id, roomId, body), userErrors: [] };
  }

  @Subscription(() => ChatMessageObject, {
    description: 'New messages of a room, for people who may see the room.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const viewerId = ctx.viewer?.id ?? null;
      const rawId = fromGlobalId((args as { roomId: string }).roomId, 'FacechatRoom');
      if (!rawId || !(await canSeeRoom(ctx.em, rawId, viewerId))) {
        throw new GraphQLError('That room does not exist or is not open to you.', { extensions: { code: 'NOT_FOUND' } });
      }
      return ctx.pubsub.subscribe<ChatEvent>(chatTopic(rawId), ctx, async (event) =>
        !(viewerId && await isBlockedEither(ctx.em, viewerId, event.authorId)) && canSeeRoom(ctx.em, rawId, viewerId));
    },
  })
  chatMessageAdded(@Root() event: ChatEvent, @Ctx() ctx: Context, @Arg('roomId', () => ID) _roomId: string): Promise<ChatMessage | null> {
    return chatMessageById(ctx).load(event.messageId);
  }

  @FieldResolver(() => FacechatRoomObject)
  room(@Root() message: ChatMessage, @Ctx() ctx: Context) {
    return roomById(ctx).load(message.roomId);
  }

  @FieldResolver(() => UserObject)
  author(@Root() message: ChatMessage, @Ctx() ctx: Context) {
    return userById(ctx).load(message.authorId);
  }
}

import { Arg, Args, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { PageArgs } from '../../graphql/relay.js';
import type { Actor } from '../../kernel/actor.js';
import { badInput } from '../../kernel/errors.js';
import { fromGlobalId } from '../../kernel/ids.js';
import { ChatMessageObject, FacechatRoomConnection } from '../facechat/graphql.js';
import { adoptPostPage, CommentConnection, PostConnection } from '../posts/graphql.js';
import { TagConnection } from '../tags/graphql.js';
import { AdminDailyStatObject, AdminRoomState, ContentStatus } from './admin.types.js';

/** The raw uuid of an optional id argument of `type`; BAD_USER_INPUT when it is not one. */
export function optionalId(id: string | null | undefined, type: string, argument: string): string | null {
  if (!id) return null;
  const raw = fromGlobalId(id, type);
  if (!raw) throw badInput(`\`${argument}\` is not the id of a ${type}.`, argument);
  return raw;
}

/** The staff console's lists of everything (removed content and suspended authors included) and its daily chart. */
@Resolver()
export class AdminListsResolver {
  @Authorized('MODERATOR', 'ADMIN')
  @Query(() => PostConnection, {
    description:
      'Staff only: posts newest first, including removed ones and those of suspended authors; `query` matches title/body/author username or display name.',
  })
  adminPosts(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('query', () => String, { nullable: true }) query?: string | null,
    @Arg('status', () => ContentStatus, { nullable: true }) status?: ContentStatus | null,
    @Arg('authorId', () => ID, { nullable: true }) authorId?: string | null,
    @Arg('tag', () => String, { nullable: true }) tag?: string | null,
  ) {
    const pending = ctx.services.adminLists.posts(actor, ctx.em, {
      ...page,
      query: query ?? null,
      status: status ?? null,
      authorId: optionalId(authorId, 'User', 'authorId'),
      tag: tag ?? null,
    });
    return adoptPostPage(ctx, pending);
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Query(() => CommentConnection, { description: 'Staff only: comments newest first, removed ones included.' })
  adminComments(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('query', () => String, { nullable: true }) query?: string | null,
    @Arg('status', () => ContentStatus, { nullable: true }) status?: ContentStatus | null,
    @Arg('authorId', () => ID, { nullable: true }) authorId?: string | null,
    @Arg('postId', () => ID, { nullable: true }) postId?: string | null,
  ) {
    return ctx.services.adminLists.comments(actor, ctx.em, {
      ...page,
      query: query ?? null,
      status: status ?? null,
      authorId: optionalId(authorId, 'User', 'authorId'),
      postId: optionalId(postId, 'Post', 'postId'),
    });
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Query(() => FacechatRoomConnection, { description: "Staff only: rooms newest first (calls' rooms included)." })
  adminRooms(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('query', () => String, { nullable: true }) query?: string | null,
    @Arg('state', () => AdminRoomState, { nullable: true }) state?: AdminRoomState | null,
    @Arg('ownerId', () => ID, { nullable: true }) ownerId?: string | null,
  ) {
    return ctx.services.adminLists.rooms(actor, ctx.em, {
      ...page,
      query: query ?? null,
      state: state ?? null,
      ownerId: optionalId(ownerId, 'User', 'ownerId'),
    });
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Query(() => TagConnection, { description: 'Staff only: tags by name (query = prefix/contains), most used first.' })
  adminTags(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('query', () => String, { nullable: true }) query?: string | null,
  ) {
    return ctx.services.adminLists.tags(actor, ctx.em, { ...page, query: query ?? null });
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Query(() => [AdminDailyStatObject], {
    description: 'Staff only: one row per UTC day for the last `days` days (1–90, default 30), oldest first, today included.',
  })
  adminDailyStats(@CurrentUser() actor: Actor, @Ctx() ctx: Context, @Arg('days', () => Int, { nullable: true }) days?: number | null) {
    return ctx.services.adminLists.dailyStats(actor, ctx.em, days ?? null);
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Query(() => [ChatMessageObject], {
    description:
      'Staff only: a chat message with up to `before` earlier and `after` later messages of its room (default 5 each, max 20), oldest first; removed ones included.',
  })
  chatMessageContext(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Arg('messageId', () => ID) messageId: string,
    @Arg('before', () => Int, { nullable: true }) before?: number | null,
    @Arg('after', () => Int, { nullable: true }) after?: number | null,
  ) {
    const id = optionalId(messageId, 'ChatMessage', 'messageId');
    return ctx.services.adminLists.chatContext(actor, ctx.em, { messageId: id!, before: before ?? null, after: after ?? null });
  }
}

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
    @Arg('query', () => String, { nullable: true, description: 'Words to look for in title, body and tags.' }) query?: string | null,
    @Arg('status', () => ContentStatus, { nullable: true, description: 'Only visible or only removed posts.' })
    status?: ContentStatus | null,
    @Arg('authorId', () => ID, { nullable: true, description: 'Only posts by this user.' }) authorId?: string | null,
    @Arg('tag', () => String, { nullable: true, description: 'Only posts with this tag (without #).' }) tag?: string | null,
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
    @Arg('query', () => String, { nullable: true, description: 'Words to look for in the text.' }) query?: string | null,
    @Arg('status', () => ContentStatus, { nullable: true, description: 'Only visible or only removed comments.' })
    status?: ContentStatus | null,
    @Arg('authorId', () => ID, { nullable: true, description: 'Only comments by this user.' }) authorId?: string | null,
    @Arg('postId', () => ID, { nullable: true, description: 'Only comments on this post.' }) postId?: string | null,
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
    @Arg('query', () => String, { nullable: true, description: 'Words to look for in titles and tags.' }) query?: string | null,
    @Arg('state', () => AdminRoomState, { nullable: true, description: 'Only rooms in this state.' }) state?: AdminRoomState | null,
    @Arg('ownerId', () => ID, { nullable: true, description: 'Only rooms made by this user.' }) ownerId?: string | null,
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
    @Arg('query', () => String, { nullable: true, description: 'The start of the tag names to list.' }) query?: string | null,
  ) {
    return ctx.services.adminLists.tags(actor, ctx.em, { ...page, query: query ?? null });
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Query(() => [AdminDailyStatObject], {
    description: 'Staff only: one row per UTC day for the last `days` days (1–90, default 30), oldest first, today included.',
  })
  adminDailyStats(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Arg('days', () => Int, { nullable: true, description: 'How many days, 1–90 (30 when omitted).' }) days?: number | null,
  ) {
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
    @Arg('messageId', () => ID, { description: 'The chat message (a ChatMessage id).' }) messageId: string,
    @Arg('before', () => Int, { nullable: true, description: 'How many earlier messages, 0–20 (5 when omitted).' }) before?: number | null,
    @Arg('after', () => Int, { nullable: true, description: 'How many later messages, 0–20 (5 when omitted).' }) after?: number | null,
  ) {
    const id = optionalId(messageId, 'ChatMessage', 'messageId');
    return ctx.services.adminLists.chatContext(actor, ctx.em, { messageId: id!, before: before ?? null, after: after ?? null });
  }
}

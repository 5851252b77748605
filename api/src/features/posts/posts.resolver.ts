import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { AccessScope } from '../../kernel/actor.js';
import { CurrentUser, requireActor } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { DeletePayload } from '../../graphql/payloads.js';
import { PageArgs } from '../../graphql/relay.js';
import type { Actor } from '../../kernel/actor.js';
import { badInput } from '../../kernel/errors.js';
import { fromGlobalId, toGlobalId } from '../../kernel/ids.js';
import { UserObject } from '../accounts/graphql.js';
import { MediaObject } from '../media/graphql.js';
import { normaliseTag } from '../tags/index.js';
import { TagObject } from '../tags/graphql.js';
import { Post } from './posts.entity.js';
import { feedTopic, type FeedPostEvent } from './posts.events.js';
import { adopt, authorOf, mapMaybe, partOf, postById } from './posts.loaders.js';
import type { PostRecord } from './posts.rows.js';
import { photoTagData } from './photo-tags.resolver.js';
import {
  CommentConnection,
  CreatePostInput,
  LikeConnection,
  PhotoTagObject,
  PostConnection,
  PostObject,
  PostPayload,
  UpdatePostInput,
} from './posts.types.js';

registerNodeType('Post', Post, (ctx, id) => postById(ctx).load(id));

const mediaIdsOf = (ids: string[]) => ids.map((id) => fromGlobalId(id, 'Media'));

@Resolver(() => PostObject)
export class PostsResolver {
  @Authorized()
  @Query(() => PostConnection, { description: 'Home feed: posts of the viewer, their friends and the users they follow, newest first.' })
  feed(@Ctx() ctx: Context, @CurrentUser() actor: Actor, @Args(() => PageArgs) page: PageArgs) {
    return adopt(ctx, ctx.services.posts.feed(actor, ctx.em, page));
  }

  @Authorized(AccessScope.READ)
  @Subscription(() => PostObject, {
    description:
      "Posts joining the viewer's home feed as they are written (by friends and people they follow), when the viewer may see them.",
    subscribe: ({ context }) => {
      const ctx = context as Context;
      // postById applies the feed's rules for this viewer: blocks either way, removed posts, suspended authors.
      return ctx.pubsub.subscribe<FeedPostEvent>(
        feedTopic(requireActor(ctx).id),
        ctx,
        async (event) => !!(await postById(ctx).load(event.postId)),
      );
    },
  })
  async feedPostAdded(@Root() event: FeedPostEvent, @Ctx() ctx: Context): Promise<PostRecord> {
    return (await postById(ctx).load(event.postId))!;
  }

  @Query(() => PostConnection, {
    description: 'All posts newest first, narrowed by author, tag and/or a text query over title, body and tags.',
  })
  posts(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('authorId', () => ID, { nullable: true }) authorId?: string | null,
    @Arg('tag', () => String, { nullable: true }) tag?: string | null,
    @Arg('query', () => String, { nullable: true }) query?: string | null,
  ) {
    const rawAuthor = authorId ? fromGlobalId(authorId, 'User') : undefined;
    if (rawAuthor === null) throw badInput('`authorId` is not a user id.', 'authorId');
    const tagName = tag ? normaliseTag(tag) : undefined;
    const text = query?.trim().toLowerCase() || undefined;
    if (text && [...text].length > 100) throw badInput('The search text can be at most 100 characters.', 'query');
    return adopt(ctx, ctx.services.posts.list(ctx.actor, ctx.em, { authorId: rawAuthor, tag: tagName, text }, page));
  }

  @Query(() => PostObject, { nullable: true })
  post(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    const rawId = fromGlobalId(id, 'Post');
    return rawId ? postById(ctx).load(rawId) : null;
  }

  @Authorized()
  @Query(() => PostConnection, { description: "The viewer's favorited (bookmarked) posts, most recently favorited first." })
  favorites(@Ctx() ctx: Context, @CurrentUser() actor: Actor, @Args(() => PageArgs) page: PageArgs) {
    return adopt(ctx, ctx.services.posts.favorites(actor, ctx.em, page));
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => PostPayload)
  async createPost(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => CreatePostInput) input: CreatePostInput,
  ): Promise<PostPayload> {
    const post = await ctx.services.posts.create(actor, ctx.em, {
      title: input.title,
      body: input.body,
      tags: input.tags,
      mediaIds: mediaIdsOf(input.mediaIds ?? []),
      photoTags: input.photoTags?.map(photoTagData),
    });
    return { post, userErrors: [] };
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => PostPayload)
  async updatePost(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdatePostInput) input: UpdatePostInput,
  ): Promise<PostPayload> {
    const post = await ctx.services.posts.update(actor, ctx.em, fromGlobalId(id, 'Post'), {
      title: input.title,
      body: input.body,
      tags: input.tags,
      mediaIds: input.mediaIds != null ? mediaIdsOf(input.mediaIds) : input.mediaIds,
    });
    return { post, userErrors: [] };
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => DeletePayload)
  async deletePost(@Ctx() ctx: Context, @CurrentUser() actor: Actor, @Arg('id', () => ID) id: string): Promise<DeletePayload> {
    return { deletedId: toGlobalId('Post', await ctx.services.posts.delete(actor, ctx.em, fromGlobalId(id, 'Post'))), userErrors: [] };
  }

  @FieldResolver(() => UserObject)
  author(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return authorOf(ctx, post);
  }

  @FieldResolver(() => [MediaObject])
  media(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return partOf(ctx, post, 'media');
  }

  @FieldResolver(() => [TagObject])
  tags(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return partOf(ctx, post, 'tags');
  }

  @FieldResolver(() => [PhotoTagObject])
  photoTags(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return partOf(ctx, post, 'photoTags');
  }

  @FieldResolver(() => Int)
  likeCount(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return mapMaybe(partOf(ctx, post, 'stats'), (s) => s.likeCount);
  }

  @FieldResolver(() => Int)
  commentCount(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return mapMaybe(partOf(ctx, post, 'stats'), (s) => s.commentCount);
  }

  @FieldResolver(() => Boolean)
  viewerHasLiked(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return ctx.actor ? mapMaybe(partOf(ctx, post, 'stats'), (s) => s.viewerHasLiked) : false;
  }

  @FieldResolver(() => Boolean)
  viewerHasFavorited(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return ctx.actor ? mapMaybe(partOf(ctx, post, 'stats'), (s) => s.viewerHasFavorited) : false;
  }

  @FieldResolver(() => Boolean)
  viewerCanEdit(@Root() post: PostRecord, @Ctx() ctx: Context): boolean {
    return ctx.actor?.id === post.authorId;
  }

  @FieldResolver(() => CommentConnection, { description: 'Top-level comments, oldest first.' })
  comments(@Root() post: PostRecord, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return ctx.services.comments.page(ctx.actor, ctx.em, { postId: post.id }, page);
  }

  @FieldResolver(() => LikeConnection, { description: 'Newest first.' })
  likes(@Root() post: PostRecord, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return ctx.services.likes.page(ctx.actor, ctx.em, post.id, page);
  }
}

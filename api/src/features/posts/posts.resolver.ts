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
  PostPhotoInput,
  UpdatePostInput,
} from './posts.types.js';

registerNodeType('Post', Post, (ctx, id) => postById(ctx).load(id));

const mediaIdsOf = (ids: string[]) => ids.map((id) => fromGlobalId(id, 'Media'));

/** The photos of a post input: `photos` (with alt text) when given, else `mediaIds` (alt texts unchanged). */
function photosOf(input: { mediaIds?: string[] | null; photos?: PostPhotoInput[] | null }) {
  if (input.photos)
    return { mediaIds: mediaIdsOf(input.photos.map((p) => p.mediaId)), altTexts: input.photos.map((p) => p.altText ?? null) };
  return { mediaIds: input.mediaIds != null ? mediaIdsOf(input.mediaIds) : input.mediaIds, altTexts: null };
}

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
    @Arg('authorId', () => ID, { nullable: true, description: 'Only posts of this user.' }) authorId?: string | null,
    @Arg('tag', () => String, { nullable: true, description: "Only posts with this tag (with or without '#')." }) tag?: string | null,
    @Arg('query', () => String, { nullable: true, description: 'Text searched in title, body and tag names (at most 100 characters).' })
    query?: string | null,
  ) {
    const rawAuthor = authorId ? fromGlobalId(authorId, 'User') : undefined;
    if (rawAuthor === null) throw badInput('`authorId` is not a user id.', 'authorId');
    const tagName = tag ? normaliseTag(tag) : undefined;
    const text = query?.trim().toLowerCase() || undefined;
    if (text && [...text].length > 100) throw badInput('The search text can be at most 100 characters.', 'query');
    return adopt(ctx, ctx.services.posts.list(ctx.actor, ctx.em, { authorId: rawAuthor, tag: tagName, text }, page));
  }

  @Query(() => PostObject, { nullable: true, description: 'One post; null when missing or hidden from the viewer.' })
  post(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The post.' }) id: string) {
    const rawId = fromGlobalId(id, 'Post');
    return rawId ? postById(ctx).load(rawId) : null;
  }

  @Authorized()
  @Query(() => PostConnection, { description: "The viewer's favorited (bookmarked) posts, most recently favorited first." })
  favorites(@Ctx() ctx: Context, @CurrentUser() actor: Actor, @Args(() => PageArgs) page: PageArgs) {
    return adopt(ctx, ctx.services.posts.favorites(actor, ctx.em, page));
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => PostPayload, {
    description: 'Writes a post (text, photos or both); its tags, photo tags and @mentions notify the people concerned.',
  })
  async createPost(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => CreatePostInput, { description: 'The new post.' }) input: CreatePostInput,
  ): Promise<PostPayload> {
    const photos = photosOf(input);
    const post = await ctx.services.posts.create(actor, ctx.em, {
      title: input.title,
      body: input.body,
      tags: input.tags,
      mediaIds: photos.mediaIds ?? [],
      altTexts: photos.altTexts,
      photoTags: input.photoTags?.map(photoTagData),
    });
    return { post, userErrors: [] };
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => PostPayload, { description: "Changes one of the viewer's posts; people newly @mentioned are notified." })
  async updatePost(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('id', () => ID, { description: 'The post.' }) id: string,
    @Arg('input', () => UpdatePostInput, { description: 'What changes.' }) input: UpdatePostInput,
  ): Promise<PostPayload> {
    const photos = photosOf(input);
    const post = await ctx.services.posts.update(actor, ctx.em, fromGlobalId(id, 'Post'), {
      title: input.title,
      body: input.body,
      tags: input.tags,
      mediaIds: photos.mediaIds,
      altTexts: photos.altTexts,
    });
    return { post, userErrors: [] };
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => DeletePayload, { description: "Deletes one of the viewer's posts with its likes, comments and tags; the photos stay." })
  async deletePost(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('id', () => ID, { description: 'The post.' }) id: string,
  ): Promise<DeletePayload> {
    return { deletedId: toGlobalId('Post', await ctx.services.posts.delete(actor, ctx.em, fromGlobalId(id, 'Post'))), userErrors: [] };
  }

  @FieldResolver(() => UserObject, { description: 'Who wrote the post.' })
  author(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return authorOf(ctx, post);
  }

  @FieldResolver(() => [MediaObject], { description: 'The photos in display order; empty for a text post.' })
  media(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return partOf(ctx, post, 'media');
  }

  @FieldResolver(() => [TagObject], { description: 'The tags in the order written.' })
  tags(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return partOf(ctx, post, 'tags');
  }

  @FieldResolver(() => [PhotoTagObject], { description: 'People tagged in the photos.' })
  photoTags(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return partOf(ctx, post, 'photoTags');
  }

  @FieldResolver(() => Int, { description: 'How many people like the post.' })
  likeCount(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return mapMaybe(partOf(ctx, post, 'stats'), (s) => s.likeCount);
  }

  @FieldResolver(() => Int, { description: 'How many comments and replies the post has.' })
  commentCount(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return mapMaybe(partOf(ctx, post, 'stats'), (s) => s.commentCount);
  }

  @FieldResolver(() => Boolean, { description: 'True when the viewer likes the post; false when signed out.' })
  viewerHasLiked(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return ctx.actor ? mapMaybe(partOf(ctx, post, 'stats'), (s) => s.viewerHasLiked) : false;
  }

  @FieldResolver(() => Boolean, { description: 'True when the viewer saved the post; false when signed out.' })
  viewerHasFavorited(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return ctx.actor ? mapMaybe(partOf(ctx, post, 'stats'), (s) => s.viewerHasFavorited) : false;
  }

  @FieldResolver(() => Boolean, { description: 'True when the viewer wrote the post and may change it.' })
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

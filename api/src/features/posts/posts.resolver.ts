import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { fromGlobalId, toGlobalId } from '../../graphql/ids.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import { requireViewer } from '../accounts/index.js';
import { UserObject } from '../accounts/index.js';
import { MediaObject } from '../media/index.js';
import { normaliseTag } from '../tags/index.js';
import { TagObject } from '../tags/index.js';
import { commentConnection, likeConnection } from './comments.queries.js';
import { Post } from './posts.entity.js';
import type { PostRecord } from './records.js';
import { authorOf, mapMaybe, partOf, postById } from './posts.loaders.js';
import { favoriteConnection, postConnection } from './posts.queries.js';
import {
  CommentConnection, CreatePostInput, DeletePayload, LikeConnection, PhotoTagObject, PostConnection, PostObject, PostPayload, UpdatePostInput,
} from './posts.types.js';

registerNodeType('Post', Post, (ctx, id) => postById(ctx).load(id));

@Resolver(() => PostObject)
export class PostsResolver {
  @Query(() => PostConnection, { description: 'Home feed: posts of the viewer, their friends and the users they follow, newest first.' })
  feed(@Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    const viewer = requireViewer(ctx);
    return postConnection(ctx, { feedOf: viewer.id }, page);
  }

  @Query(() => PostConnection, { description: 'All posts newest first, narrowed by author, tag and/or a text query over title, body and tags.' })
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
    return postConnection(ctx, { authorId: rawAuthor, tag: tagName, text }, page);
  }

  @Query(() => PostObject, { nullable: true })
  post(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    const rawId = fromGlobalId(id, 'Post');
    return rawId ? postById(ctx).load(rawId) : null;
  }

  @Query(() => PostConnection, { description: "The viewer's favorited (bookmarked) posts, most recently favorited first." })
  favorites(@Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    const viewer = requireViewer(ctx);
    return favoriteConnection(ctx, viewer.id, page);
  }

  @Mutation(() => PostPayload)
  async createPost(@Ctx() ctx: Context, @Arg('input', () => CreatePostInput) input: CreatePostInput): Promise<PostPayload> {
    const viewer = requireViewer(ctx);
    return { post: await ctx.services.posts.create(ctx, viewer.id, input), userErrors: [] };
  }

  @Mutation(() => PostPayload)
  async updatePost(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => UpdatePostInput) input: UpdatePostInput): Promise<PostPayload> {
    const viewer = requireViewer(ctx);
    return { post: await ctx.services.posts.update(ctx, viewer.id, id, input), userErrors: [] };
  }

  @Mutation(() => DeletePayload)
  async deletePost(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<DeletePayload> {
    const viewer = requireViewer(ctx);
    return { deletedId: toGlobalId('Post', await ctx.services.posts.delete(ctx, viewer.id, id)), userErrors: [] };
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
    return ctx.viewer ? mapMaybe(partOf(ctx, post, 'stats'), (s) => s.viewerHasLiked) : false;
  }

  @FieldResolver(() => Boolean)
  viewerHasFavorited(@Root() post: PostRecord, @Ctx() ctx: Context) {
    return ctx.viewer ? mapMaybe(partOf(ctx, post, 'stats'), (s) => s.viewerHasFavorited) : false;
  }

  @FieldResolver(() => Boolean)
  viewerCanEdit(@Root() post: PostRecord, @Ctx() ctx: Context): boolean {
    return ctx.viewer?.id === post.authorId;
  }

  @FieldResolver(() => CommentConnection, { description: 'Top-level comments, oldest first.' })
  comments(@Root() post: PostRecord, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return commentConnection(ctx, { postId: post.id }, page);
  }

  @FieldResolver(() => LikeConnection, { description: 'Newest first.' })
  likes(@Root() post: PostRecord, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return likeConnection(ctx, post.id, page);
  }
}

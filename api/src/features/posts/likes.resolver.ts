import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { fromGlobalId } from '../../graphql/ids.js';
import { registerNodeType } from '../../graphql/node.js';
import { requireViewer } from '../accounts/index.js';
import { userById } from '../accounts/index.js';
import { UserObject } from '../accounts/index.js';
import { likeById } from './comments.queries.js';
import { postLikedTopic, type PostLikedEvent } from './likes.service.js';
import { Like } from './posts.entity.js';
import type { LikeRecord } from './records.js';
import { partOf, postById } from './posts.loaders.js';
import { LikeEvent, LikeObject, PostObject, PostPayload } from './posts.types.js';

registerNodeType('Like', Like, async (ctx, id) => {
  const like = await likeById(ctx).load(id);
  return like && (await postById(ctx).load(like.postId)) ? like : null;
});

@Resolver(() => LikeObject)
export class LikesResolver {
  @Mutation(() => PostPayload)
  async likePost(@Ctx() ctx: Context, @Arg('postId', () => ID) postId: string): Promise<PostPayload> {
    return { post: await ctx.services.likes.like(ctx, requireViewer(ctx).id, postId), userErrors: [] };
  }

  @Mutation(() => PostPayload)
  async unlikePost(@Ctx() ctx: Context, @Arg('postId', () => ID) postId: string): Promise<PostPayload> {
    return { post: await ctx.services.likes.unlike(ctx, requireViewer(ctx).id, postId), userErrors: [] };
  }

  @Mutation(() => PostPayload)
  async favoritePost(@Ctx() ctx: Context, @Arg('postId', () => ID) postId: string): Promise<PostPayload> {
    return { post: await ctx.services.likes.favorite(ctx, requireViewer(ctx).id, postId), userErrors: [] };
  }

  @Mutation(() => PostPayload)
  async unfavoritePost(@Ctx() ctx: Context, @Arg('postId', () => ID) postId: string): Promise<PostPayload> {
    return { post: await ctx.services.likes.unfavorite(ctx, requireViewer(ctx).id, postId), userErrors: [] };
  }

  @Subscription(() => LikeEvent, {
    description: "Likes on the viewer's posts (one post when postId is given).",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const viewer = requireViewer(ctx);
      const onlyPost = args.postId ? fromGlobalId(String(args.postId), 'Post') ?? 'none' : null;
      return ctx.pubsub.subscribe<PostLikedEvent>(postLikedTopic(viewer.id), ctx, (event) => !onlyPost || event.postId === onlyPost);
    },
  })
  async postLiked(
    @Root() event: PostLikedEvent,
    @Ctx() ctx: Context,
    @Arg('postId', () => ID, { nullable: true }) _postId?: string | null,
  ): Promise<LikeEvent | null> {
    const [like, post, stats] = await Promise.all([likeById(ctx).load(event.likeId), postById(ctx).load(event.postId), partOf(ctx, { id: event.postId }, 'stats')]);
    if (!like || !post) return null;
    return { like, post, likeCount: stats.likeCount };
  }

  @FieldResolver(() => UserObject)
  user(@Root() like: LikeRecord, @Ctx() ctx: Context) {
    return userById(ctx).load(like.userId);
  }

  @FieldResolver(() => PostObject)
  post(@Root() like: LikeRecord, @Ctx() ctx: Context) {
    return postById(ctx).load(like.postId);
  }
}

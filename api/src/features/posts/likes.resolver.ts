import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { AccessScope } from '../../kernel/actor.js';
import { CurrentUser, requireActor, PUBLIC } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import type { Actor } from '../../kernel/actor.js';
import { fromGlobalId } from '../../kernel/ids.js';
import { userById, UserObject } from '../accounts/graphql.js';
import type { LikeRecord } from './likes.repository.js';
import { postLikedTopic, type PostLikeChange } from './likes.service.js';
import { Like } from './posts.entity.js';
import { likeById, partOf, postById } from './posts.loaders.js';
import { LikeEvent, LikeObject, PostLikesEvent, PostObject, PostPayload } from './posts.types.js';

registerNodeType('Like', Like, async (ctx, id) => {
  const like = await likeById(ctx).load(id);
  return like && (await postById(ctx).load(like.postId)) ? like : null;
});

type LikeMutation = 'like' | 'unlike' | 'favorite' | 'unfavorite';
async function toggle(ctx: Context, actor: Actor, name: LikeMutation, postId: string): Promise<PostPayload> {
  return { post: await ctx.services.likes[name](actor, ctx.em, fromGlobalId(postId, 'Post')), userErrors: [] };
}

/**
 * Like changes on the actor's posts (one post when `postId` is given). Each event is checked in its own scope
 * before it is delivered: the post must still be visible, the liker not blocked either way, and for a like the
 * like must still exist, so the resolvers never answer null for these non-null fields.
 */
function likeChanges(context: unknown, postId: unknown, onlyLikes: boolean) {
  const ctx = context as Context;
  const actor = requireActor(ctx);
  const onlyPost = postId ? (fromGlobalId(String(postId), 'Post') ?? 'none') : null;
  return ctx.pubsub.subscribe<PostLikeChange>(postLikedTopic(actor.id), ctx, async (change) => {
    if ((onlyLikes && !change.liked) || (onlyPost && change.postId !== onlyPost)) return false;
    const [post, user, like, mayShow] = await Promise.all([
      postById(ctx).load(change.postId),
      userById(ctx).load(change.userId),
      change.likeId ? likeById(ctx).load(change.likeId) : null,
      // Memoised in the event's scope: the author's other sockets reuse the answer.
      ctx.scope.memo('likes:mayShowChange', () => ctx.services.likes.mayShowChange(actor, ctx.em, change)),
    ]);
    return Boolean(post && user && mayShow && (!change.liked || like));
  });
}

@Resolver(() => LikeObject)
export class LikesResolver {
  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => PostPayload, { description: 'Likes a post; liking it again changes nothing. The author is notified of a new like.' })
  likePost(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('postId', () => ID, { description: 'The post.' }) postId: string,
  ): Promise<PostPayload> {
    return toggle(ctx, actor, 'like', postId);
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => PostPayload, { description: "Takes back the viewer's like of a post; nothing changes when there was none." })
  unlikePost(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('postId', () => ID, { description: 'The post.' }) postId: string,
  ): Promise<PostPayload> {
    return toggle(ctx, actor, 'unlike', postId);
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => PostPayload, { description: "Saves a post to the viewer's favorites (idempotent)." })
  favoritePost(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('postId', () => ID, { description: 'The post.' }) postId: string,
  ): Promise<PostPayload> {
    return toggle(ctx, actor, 'favorite', postId);
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => PostPayload, { description: "Removes a post from the viewer's favorites (idempotent)." })
  unfavoritePost(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('postId', () => ID, { description: 'The post.' }) postId: string,
  ): Promise<PostPayload> {
    return toggle(ctx, actor, 'unfavorite', postId);
  }

  @Authorized(PUBLIC, AccessScope.READ)
  @Subscription(() => LikeEvent, {
    description: "Likes on the viewer's posts (one post when postId is given).",
    subscribe: ({ args, context }) => likeChanges(context, args.postId, true),
  })
  async postLiked(
    @Root() change: PostLikeChange,
    @Ctx() ctx: Context,
    @Arg('postId', () => ID, { nullable: true, description: "Only this post of the viewer's." }) _postId?: string | null,
  ): Promise<LikeEvent> {
    // Loaded (memoised in this event's scope) by the subscribe filter, which dropped hidden events.
    const [like, post, stats] = await Promise.all([
      likeById(ctx).load(change.likeId!),
      postById(ctx).load(change.postId),
      partOf(ctx, { id: change.postId }, 'stats'),
    ]);
    return { like: like!, post: post!, likeCount: stats.likeCount };
  }

  @Authorized(PUBLIC, AccessScope.READ)
  @Subscription(() => PostLikesEvent, {
    description: "Likes and unlikes on the viewer's posts (one post when postId is given), with the like count after the change.",
    subscribe: ({ args, context }) => likeChanges(context, args.postId, false),
  })
  async postLikesChanged(
    @Root() change: PostLikeChange,
    @Ctx() ctx: Context,
    @Arg('postId', () => ID, { nullable: true, description: "Only this post of the viewer's." }) _postId?: string | null,
  ): Promise<PostLikesEvent> {
    const [like, post, user, stats] = await Promise.all([
      change.likeId ? likeById(ctx).load(change.likeId) : null,
      postById(ctx).load(change.postId),
      userById(ctx).load(change.userId),
      partOf(ctx, { id: change.postId }, 'stats'),
    ]);
    return { post: post!, user: user!, like, liked: change.liked, likeCount: stats.likeCount };
  }

  @FieldResolver(() => UserObject, { description: 'Who liked the post.' })
  user(@Root() like: LikeRecord, @Ctx() ctx: Context) {
    return userById(ctx).load(like.userId);
  }

  @FieldResolver(() => PostObject, { description: 'The post liked.' })
  post(@Root() like: LikeRecord, @Ctx() ctx: Context) {
    return postById(ctx).load(like.postId);
  }
}

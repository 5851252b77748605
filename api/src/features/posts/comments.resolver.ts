import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { AccessScope } from '../../kernel/actor.js';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { DeletePayload } from '../../graphql/payloads.js';
import { PageArgs } from '../../graphql/relay.js';
import type { Actor } from '../../kernel/actor.js';
import { fromGlobalId, toGlobalId } from '../../kernel/ids.js';
import { userById, UserObject } from '../accounts/graphql.js';
import type { CommentRecord } from './comments.repository.js';
import { Comment } from './posts.entity.js';
import { commentById, commentLikeStats, postById, replyCount } from './posts.loaders.js';
import { AddCommentInput, CommentConnection, CommentObject, CommentPayload, PostObject } from './posts.types.js';

registerNodeType('Comment', Comment, async (ctx, id) => {
  const comment = await commentById(ctx).load(id);
  return comment && (await postById(ctx).load(comment.postId)) ? comment : null;
});

@Resolver(() => CommentObject)
export class CommentsResolver {
  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => CommentPayload, {
    description: 'Comments on a post or replies to a comment; @mentioned people who may see the post are notified.',
  })
  async addComment(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => AddCommentInput, { description: 'The post, the text and the comment replied to.' }) input: AddCommentInput,
  ): Promise<CommentPayload> {
    const comment = await ctx.services.comments.add(actor, ctx.em, {
      postId: fromGlobalId(input.postId, 'Post'),
      body: input.body,
      parentId: input.parentId ? fromGlobalId(input.parentId, 'Comment') : undefined,
    });
    return { comment, userErrors: [] };
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => CommentPayload, { description: "Edits the text of one of the viewer's comments." })
  async updateComment(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('id', () => ID, { description: 'The comment.' }) id: string,
    @Arg('body', () => String, { description: 'The new text, 1–1000 characters.' }) body: string,
  ): Promise<CommentPayload> {
    return { comment: await ctx.services.comments.update(actor, ctx.em, fromGlobalId(id, 'Comment'), body), userErrors: [] };
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => DeletePayload, { description: "Deletes a comment with its replies (its author or the post's author)." })
  async deleteComment(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('id', () => ID, { description: 'The comment.' }) id: string,
  ): Promise<DeletePayload> {
    return {
      deletedId: toGlobalId('Comment', await ctx.services.comments.delete(actor, ctx.em, fromGlobalId(id, 'Comment'))),
      userErrors: [],
    };
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => CommentPayload, { description: 'Likes a comment; liking it again changes nothing.' })
  async likeComment(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('commentId', () => ID, { description: 'The comment to like.' }) commentId: string,
  ): Promise<CommentPayload> {
    return { comment: await ctx.services.comments.like(actor, ctx.em, fromGlobalId(commentId, 'Comment')), userErrors: [] };
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => CommentPayload, { description: "Takes back the viewer's like of a comment; nothing changes when there was none." })
  async unlikeComment(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('commentId', () => ID, { description: 'The comment to unlike.' }) commentId: string,
  ): Promise<CommentPayload> {
    return { comment: await ctx.services.comments.unlike(actor, ctx.em, fromGlobalId(commentId, 'Comment')), userErrors: [] };
  }

  @FieldResolver(() => PostObject, { description: 'The post commented on.' })
  post(@Root() comment: CommentRecord, @Ctx() ctx: Context) {
    return postById(ctx).load(comment.postId);
  }

  @FieldResolver(() => UserObject, { description: 'Who wrote the comment.' })
  author(@Root() comment: CommentRecord, @Ctx() ctx: Context) {
    return userById(ctx).load(comment.authorId);
  }

  @FieldResolver(() => CommentObject, { nullable: true, description: 'The comment this one replies to; null for a top-level comment.' })
  parent(@Root() comment: CommentRecord, @Ctx() ctx: Context) {
    return comment.parentId ? commentById(ctx).load(comment.parentId) : null;
  }

  @FieldResolver(() => Int, { description: 'How many replies a top-level comment has; 0 for a reply.' })
  replyCount(@Root() comment: CommentRecord, @Ctx() ctx: Context) {
    return comment.parentId ? 0 : replyCount(ctx).load(comment.id);
  }

  @FieldResolver(() => CommentConnection, { description: 'Oldest first.' })
  replies(@Root() comment: CommentRecord, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return ctx.services.comments.page(ctx.actor, ctx.em, { parentId: comment.id }, page);
  }

  @FieldResolver(() => Int, { description: 'How many people like the comment (people blocked either way with the viewer left out).' })
  async likeCount(@Root() comment: CommentRecord, @Ctx() ctx: Context): Promise<number> {
    return (await commentLikeStats(ctx).load(comment.id)).likeCount;
  }

  @FieldResolver(() => Boolean, { description: 'True when the viewer likes the comment; false when signed out.' })
  async viewerHasLiked(@Root() comment: CommentRecord, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.actor ? (await commentLikeStats(ctx).load(comment.id)).viewerHasLiked : false;
  }

  @FieldResolver(() => Boolean, { description: 'True when the viewer wrote the comment and may edit it.' })
  viewerCanEdit(@Root() comment: CommentRecord, @Ctx() ctx: Context): boolean {
    return ctx.actor?.id === comment.authorId;
  }
}

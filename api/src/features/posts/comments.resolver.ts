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
import { commentById, postById, replyCount } from './posts.loaders.js';
import { AddCommentInput, CommentConnection, CommentObject, CommentPayload, PostObject } from './posts.types.js';

registerNodeType('Comment', Comment, async (ctx, id) => {
  const comment = await commentById(ctx).load(id);
  return comment && (await postById(ctx).load(comment.postId)) ? comment : null;
});

@Resolver(() => CommentObject)
export class CommentsResolver {
  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => CommentPayload)
  async addComment(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => AddCommentInput) input: AddCommentInput,
  ): Promise<CommentPayload> {
    const comment = await ctx.services.comments.add(actor, ctx.em, {
      postId: fromGlobalId(input.postId, 'Post'),
      body: input.body,
      parentId: input.parentId ? fromGlobalId(input.parentId, 'Comment') : undefined,
    });
    return { comment, userErrors: [] };
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => CommentPayload)
  async updateComment(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('id', () => ID) id: string,
    @Arg('body', () => String) body: string,
  ): Promise<CommentPayload> {
    return { comment: await ctx.services.comments.update(actor, ctx.em, fromGlobalId(id, 'Comment'), body), userErrors: [] };
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => DeletePayload)
  async deleteComment(@Ctx() ctx: Context, @CurrentUser() actor: Actor, @Arg('id', () => ID) id: string): Promise<DeletePayload> {
    return {
      deletedId: toGlobalId('Comment', await ctx.services.comments.delete(actor, ctx.em, fromGlobalId(id, 'Comment'))),
      userErrors: [],
    };
  }

  @FieldResolver(() => PostObject)
  post(@Root() comment: CommentRecord, @Ctx() ctx: Context) {
    return postById(ctx).load(comment.postId);
  }

  @FieldResolver(() => UserObject)
  author(@Root() comment: CommentRecord, @Ctx() ctx: Context) {
    return userById(ctx).load(comment.authorId);
  }

  @FieldResolver(() => CommentObject, { nullable: true, description: 'The comment this one replies to; null for a top-level comment.' })
  parent(@Root() comment: CommentRecord, @Ctx() ctx: Context) {
    return comment.parentId ? commentById(ctx).load(comment.parentId) : null;
  }

  @FieldResolver(() => Int)
  replyCount(@Root() comment: CommentRecord, @Ctx() ctx: Context) {
    return comment.parentId ? 0 : replyCount(ctx).load(comment.id);
  }

  @FieldResolver(() => CommentConnection, { description: 'Oldest first.' })
  replies(@Root() comment: CommentRecord, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return ctx.services.comments.page(ctx.actor, ctx.em, { parentId: comment.id }, page);
  }

  @FieldResolver(() => Boolean)
  viewerCanEdit(@Root() comment: CommentRecord, @Ctx() ctx: Context): boolean {
    return ctx.actor?.id === comment.authorId;
  }
}

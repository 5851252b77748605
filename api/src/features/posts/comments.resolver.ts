import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { toGlobalId } from '../../graphql/ids.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import { requireViewer } from '../accounts/index.js';
import { userById } from '../accounts/index.js';
import { UserObject } from '../accounts/index.js';
import { commentById, commentConnection, replyCount } from './comments.queries.js';
import { Comment } from './posts.entity.js';
import type { CommentRecord } from './records.js';
import { postById } from './posts.loaders.js';
import { AddCommentInput, CommentConnection, CommentObject, CommentPayload, DeletePayload, PostObject } from './posts.types.js';

registerNodeType('Comment', Comment, async (ctx, id) => {
  const comment = await commentById(ctx).load(id);
  return comment && (await postById(ctx).load(comment.postId)) ? comment : null;
});

@Resolver(() => CommentObject)
export class CommentsResolver {
  @Mutation(() => CommentPayload)
  async addComment(@Ctx() ctx: Context, @Arg('input', () => AddCommentInput) input: AddCommentInput): Promise<CommentPayload> {
    return { comment: await ctx.services.comments.add(ctx, requireViewer(ctx).id, input), userErrors: [] };
  }

  @Mutation(() => CommentPayload)
  async updateComment(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('body', () => String) body: string): Promise<CommentPayload> {
    return { comment: await ctx.services.comments.update(ctx, requireViewer(ctx).id, id, body), userErrors: [] };
  }

  @Mutation(() => DeletePayload)
  async deleteComment(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<DeletePayload> {
    return { deletedId: toGlobalId('Comment', await ctx.services.comments.delete(ctx, requireViewer(ctx).id, id)), userErrors: [] };
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
    return commentConnection(ctx, { parentId: comment.id }, page);
  }

  @FieldResolver(() => Boolean)
  viewerCanEdit(@Root() comment: CommentRecord, @Ctx() ctx: Context): boolean {
    return ctx.viewer?.id === comment.authorId;
  }
}

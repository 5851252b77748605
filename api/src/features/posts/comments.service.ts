import type { Context } from '../../graphql/context.js';
import { forbidden, invalid, notFound } from '../../graphql/errors.js';
import { fromGlobalId } from '../../graphql/ids.js';
import { inTransaction } from '../../lib/transaction.js';
import { isBlockedEither } from '../friends/index.js';
import { Comment } from './posts.entity.js';
import { postForAction } from './posts.service.js';
import type { AddCommentInput } from './posts.types.js';

export const MAX_COMMENT = 1000;

function checkBody(raw: string | null | undefined, field: string[]): string {
  const body = (raw ?? '').trim();
  const length = [...body].length;
  if (length < 1 || length > MAX_COMMENT) throw invalid(field, `A comment is 1–${MAX_COMMENT} characters.`);
  return body;
}

/** Comments one level deep: a reply to a reply joins the same top-level comment. */
export class CommentsService {
  async add(ctx: Context, viewerId: string, input: AddCommentInput): Promise<Comment> {
    const body = checkBody(input.body, ['input', 'body']);
    const parentRaw = input.parentId ? fromGlobalId(input.parentId, 'Comment') : null;
    if (input.parentId && !parentRaw) throw invalid(['input', 'parentId'], 'That is not a comment id.');
    return inTransaction(ctx.em, async (tx, afterCommit) => {
      const post = await postForAction(tx, fromGlobalId(input.postId, 'Post'), viewerId, ['input', 'postId']);
      let parent: { id: string; author_id: string; parent_id: string | null } | null = null;
      if (parentRaw) {
        [parent] = await tx.execute('select id, author_id, parent_id from comments where id = ? and post_id = ?', [parentRaw, post.id]);
        if (!parent) throw notFound('The comment you reply to does not exist (any more).', ['input', 'parentId']);
        if (await isBlockedEither(tx, viewerId, parent.author_id)) throw forbidden('You cannot reply to this comment.', ['input', 'parentId']);
      }
      const now = new Date();
      const comment = tx.create(Comment, {
        postId: post.id, authorId: viewerId, parentId: parent ? (parent.parent_id ?? parent.id) : null, body, createdAt: now, updatedAt: now,
      });
      await tx.flush();
      if (parent) {
        await ctx.services.notifications.notify(tx, afterCommit, { recipientId: parent.author_id, type: 'REPLY', actorId: viewerId, postId: post.id, commentId: comment.id });
      }
      if (!parent || parent.author_id !== post.authorId) {
        await ctx.services.notifications.notify(tx, afterCommit, { recipientId: post.authorId, type: 'COMMENT', actorId: viewerId, postId: post.id, commentId: comment.id });
      }
      return comment;
    });
  }

  async update(ctx: Context, viewerId: string, globalId: string, rawBody: string): Promise<Comment> {
    const body = checkBody(rawBody, ['body']);
    return inTransaction(ctx.em, async (tx) => {
      const rawId = fromGlobalId(globalId, 'Comment');
      const comment = rawId ? await tx.findOne(Comment, rawId) : null;
      if (!comment) throw notFound('That comment does not exist (any more).', ['id']);
      if (comment.authorId !== viewerId) throw forbidden('Only its author can edit a comment.', ['id']);
      comment.body = body;
      comment.updatedAt = new Date();
      await tx.flush();
      return comment;
    });
  }

  /** The comment's author or the post's author deletes it, with its replies. */
  async delete(ctx: Context, viewerId: string, globalId: string): Promise<string> {
    return inTransaction(ctx.em, async (tx) => {
      const rawId = fromGlobalId(globalId, 'Comment');
      const [row] = rawId
        ? await tx.execute('select c.id, c.author_id, p.author_id as post_author_id from comments c join posts p on p.id = c.post_id where c.id = ?', [rawId])
        : [];
      if (!row) throw notFound('That comment does not exist (any more).', ['id']);
      if (row.author_id !== viewerId && row.post_author_id !== viewerId) throw forbidden('Only the comment\'s or the post\'s author can delete it.', ['id']);
      await tx.execute('delete from notifications where comment_id in (select id from comments where id = ? or parent_id = ?)', [row.id, row.id]);
      await tx.execute('delete from comments where id = ?', [row.id]);
      return row.id as string;
    });
  }
}

import { type Actor, rateKey } from '../../kernel/actor.js';
import { inTransaction, type Db } from '../../kernel/db.js';
import { forbidden, invalid, notFound } from '../../kernel/errors.js';
import type { RateLimits } from '../../kernel/rate-limit.js';
import { paginate, timeKey, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import type { Blocks, Notifier, PostAccess } from './posts.collaborators.js';
import type { CommentLikesRepository, CommentLikeStats } from './comment-likes.repository.js';
import type { Mentions } from './mentions.service.js';
import type { CommentParentRow, CommentRecord, CommentsOf, CommentsRepository, StaffCommentsFilter } from './comments.repository.js';

const MAX_COMMENT = 1000;

/** A new comment, ids decoded: `parentId` undefined for a top-level comment, null when the client's id was malformed. */
export interface AddCommentData {
  postId: string | null;
  body: string;
  parentId?: string | null;
}

function checkBody(raw: string | null | undefined, field: string[]): string {
  const body = (raw ?? '').trim();
  const length = [...body].length;
  if (length < 1 || length > MAX_COMMENT) throw invalid(field, `A comment is 1–${MAX_COMMENT} characters.`);
  return body;
}

/** Comments one level deep: a reply to a reply joins the same top-level comment. */
export class CommentsService {
  constructor(
    private readonly comments: CommentsRepository,
    private readonly access: PostAccess,
    private readonly notifications: Notifier,
    private readonly blocks: Blocks,
    private readonly rateLimits: RateLimits,
    private readonly likes: CommentLikesRepository,
    private readonly mentions: Mentions,
  ) {}

  async add(actor: Actor, em: Db, input: AddCommentData): Promise<CommentRecord> {
    const body = checkBody(input.body, ['input', 'body']);
    if (input.parentId === null) throw invalid(['input', 'parentId'], 'That is not a comment id.');
    const parentId = input.parentId;
    await this.rateLimits.consume('comments', [rateKey(actor)]);
    return inTransaction(em, async (tx, afterCommit) => {
      const post = await this.access.forAction(tx, actor.id, input.postId, ['input', 'postId']);
      let parent: CommentParentRow | null = null;
      if (parentId) {
        parent = await this.comments.parentIn(tx, parentId, post.id);
        if (!parent) throw notFound('The comment you reply to does not exist (any more).', ['input', 'parentId']);
        if (await this.blocks.isBlockedEither(tx, actor.id, parent.authorId))
          throw forbidden('You cannot reply to this comment.', ['input', 'parentId']);
      }
      const comment = await this.comments.insert(tx, {
        postId: post.id,
        authorId: actor.id,
        parentId: parent ? (parent.parentId ?? parent.id) : null,
        body,
      });
      if (parent) {
        await this.notifications.notify(tx, afterCommit, {
          recipientId: parent.authorId,
          type: 'REPLY',
          actorId: actor.id,
          postId: post.id,
          commentId: comment.id,
        });
      }
      if (!parent || parent.authorId !== post.authorId) {
        await this.notifications.notify(tx, afterCommit, {
          recipientId: post.authorId,
          type: 'COMMENT',
          actorId: actor.id,
          postId: post.id,
          commentId: comment.id,
        });
      }
      await this.mentions.notify(tx, afterCommit, { actorId: actor.id, postId: post.id, commentId: comment.id, text: body });
      return comment;
    });
  }

  async update(actor: Actor, em: Db, id: string | null, rawBody: string): Promise<CommentRecord> {
    const body = checkBody(rawBody, ['body']);
    return inTransaction(em, async (tx, afterCommit) => {
      const comment = id ? await this.comments.byId(tx, id) : null;
      if (!comment) throw notFound('That comment does not exist (any more).', ['id']);
      if (comment.authorId !== actor.id) throw forbidden('Only its author can edit a comment.', ['id']);
      // The same comment mentions each person once: an edit notifies only names it adds.
      await this.mentions.notify(tx, afterCommit, { actorId: actor.id, postId: comment.postId, commentId: comment.id, text: body });
      return this.comments.updateBody(tx, comment.id, body);
    });
  }

  /** Likes a comment (idempotent: a second like changes nothing); the comment. */
  like(actor: Actor, em: Db, id: string | null): Promise<CommentRecord> {
    return this.toggleLike(actor, em, id, true);
  }

  /** Takes back the actor's like of a comment (idempotent); the comment. */
  unlike(actor: Actor, em: Db, id: string | null): Promise<CommentRecord> {
    return this.toggleLike(actor, em, id, false);
  }

  /** Like counts and the viewer's like of each comment (comments without likes left out). */
  likeStats(actor: Actor | null, em: Db, ids: readonly string[]): Promise<CommentLikeStats[]> {
    return this.likes.stats(em, actor?.id ?? null, ids);
  }

  private async toggleLike(actor: Actor, em: Db, id: string | null, liked: boolean): Promise<CommentRecord> {
    return inTransaction(em, async (tx) => {
      const comment = id ? await this.comments.byId(tx, id) : null;
      if (!comment || comment.removedAt) throw notFound('That comment does not exist (any more).', ['commentId']);
      await this.access.forAction(tx, actor.id, comment.postId, ['commentId']);
      if (await this.blocks.isBlockedEither(tx, actor.id, comment.authorId))
        throw forbidden('You cannot interact with this comment.', ['commentId']);
      await (liked ? this.likes.like(tx, comment.id, actor.id) : this.likes.unlike(tx, comment.id, actor.id));
      return comment;
    });
  }

  /** The comment's author or the post's author deletes it, with its replies; the deleted comment's id. */
  async delete(actor: Actor, em: Db, id: string | null): Promise<string> {
    return inTransaction(em, async (tx) => {
      const row = id ? await this.comments.owners(tx, id) : null;
      if (!row) throw notFound('That comment does not exist (any more).', ['id']);
      if (row.authorId !== actor.id && row.postAuthorId !== actor.id)
        throw forbidden("Only the comment's or the post's author can delete it.", ['id']);
      await this.notifications.removeAbout(tx, { commentIds: await this.comments.withReplyIds(tx, row.id) });
      await this.comments.delete(tx, row.id);
      return row.id;
    });
  }

  /** Top-level comments of a post or replies of a comment, oldest first; blocked authors hidden. */
  page(actor: Actor | null, em: Db, of: CommentsOf, page: PageInput): Promise<ConnectionShape<CommentRecord>> {
    const viewerId = actor?.id ?? null;
    return paginate({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => this.comments.page(em, viewerId, of, limit, after),
      keyOf: timeKey,
      count: () => this.comments.count(em, viewerId, of),
    });
  }

  /** The staff console's list (the moderation feature checks the actor): newest first, removed ones included. */
  staffList(em: Db, filter: StaffCommentsFilter, page: PageInput): Promise<ConnectionShape<CommentRecord>> {
    return paginate({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => this.comments.staffPage(em, filter, limit, after),
      keyOf: timeKey,
      count: () => this.comments.staffCount(em, filter),
    });
  }

  /** Comments by id; those removed by staff only for staff. */
  byIds(actor: Actor | null, em: Db, ids: readonly string[]): Promise<CommentRecord[]> {
    return this.comments.byIds(em, ids, actor?.id ?? null);
  }

  replyCounts(actor: Actor | null, em: Db, parentIds: readonly string[]): Promise<{ parentId: string; n: number }[]> {
    return this.comments.replyCounts(em, actor?.id ?? null, parentIds);
  }

  /** Staff removal (moderation): sets or clears (`by` null) it in the caller's transaction; null when no such comment. */
  setRemoved(tx: Db, commentId: string, by: string | null): Promise<{ postId: string; authorId: string } | null> {
    return this.comments.setRemoved(tx, commentId, by);
  }
}

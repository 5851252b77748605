import type { Actor } from '../../kernel/actor.js';
import { inTransaction, type AfterCommit, type Db } from '../../kernel/db.js';
import { ErrorCode, ErrorCollector, forbidden, invalid, notFound } from '../../kernel/errors.js';
import type { Blocks, Notifier, PostAccess, UserDirectory } from './posts.collaborators.js';
import type { PhotoTagRecord, PhotoTagsRepository } from './photo-tags.repository.js';
import type { PostsRepository } from './posts.repository.js';
import type { PostRecord } from './posts.rows.js';

/** A photo tag as the client sent it, ids decoded (null when malformed). */
export interface PhotoTagInputData {
  mediaId: string | null;
  userId: string | null;
  x: number;
  y: number;
}

/** A photo tag as checked (ids raw, '' when malformed; errors collected). */
export interface PhotoTagSpec {
  mediaId: string;
  userId: string;
  x: number;
  y: number;
  field: string[];
}

export class PhotoTagsService {
  constructor(
    private readonly photoTags: PhotoTagsRepository,
    private readonly posts: PostsRepository,
    private readonly access: PostAccess,
    private readonly users: UserDirectory,
    private readonly blocks: Blocks,
    private readonly notifications: Notifier,
  ) {}

  parse(input: PhotoTagInputData, field: string[], errors: ErrorCollector): PhotoTagSpec {
    const mediaId = input.mediaId ?? '';
    const userId = input.userId ?? '';
    if (!mediaId) errors.add(ErrorCode.INVALID, 'That is not a media id.', [...field, 'mediaId']);
    if (!userId) errors.add(ErrorCode.INVALID, 'That is not a user id.', [...field, 'userId']);
    for (const axis of ['x', 'y'] as const) {
      const value = input[axis];
      if (!Number.isFinite(value) || value < 0 || value > 1)
        errors.add(ErrorCode.INVALID, `${axis} must be between 0 and 1.`, [...field, axis]);
    }
    return { mediaId, userId, x: input.x, y: input.y, field };
  }

  async add(actor: Actor, em: Db, postId: string | null, input: PhotoTagInputData): Promise<PhotoTagRecord> {
    const errors = new ErrorCollector();
    const spec = this.parse(input, ['input'], errors);
    errors.throwIfAny();
    return inTransaction(em, async (tx, afterCommit) => {
      const post = await this.access.forAction(tx, actor.id, postId, ['postId']);
      if (post.authorId !== actor.id) throw forbidden('Only the author can tag people in this post.', ['postId']);
      if (!(await this.posts.hasMedia(tx, post.id, spec.mediaId))) throw invalid(['input', 'mediaId'], 'That photo is not in this post.');
      return this.insert(tx, afterCommit, actor, post, spec);
    });
  }

  /**
   * Tags `spec.userId` (a friend of the author, or the author) in a photo of `post`, or moves
   * an existing tag of them in that photo; the tagged user is notified the first time.
   */
  async insert(tx: Db, afterCommit: AfterCommit, actor: Actor, post: PostRecord, spec: PhotoTagSpec): Promise<PhotoTagRecord> {
    if (spec.userId !== actor.id) {
      if (!(await this.users.exists(tx, spec.userId))) throw notFound('That user does not exist.', [...spec.field, 'userId']);
      if (await this.blocks.isBlockedEither(tx, actor.id, spec.userId))
        throw forbidden('You cannot tag this user.', [...spec.field, 'userId']);
      if (!(await this.blocks.areFriends(tx, actor.id, spec.userId)))
        throw forbidden('You can only tag your friends.', [...spec.field, 'userId']);
    }
    const { tag, inserted } = await this.photoTags.upsert(tx, {
      postId: post.id,
      mediaId: spec.mediaId,
      userId: spec.userId,
      x: spec.x,
      y: spec.y,
    });
    if (inserted) {
      await this.notifications.notify(tx, afterCommit, {
        recipientId: spec.userId,
        type: 'PHOTO_TAG',
        actorId: actor.id,
        postId: post.id,
        mediaId: spec.mediaId,
        dedupeKey: `photo-tag:${post.id}:${spec.mediaId}`,
      });
    }
    return tag;
  }

  /** The post's author or the tagged user removes a tag; the removed tag's id. */
  async remove(actor: Actor, em: Db, id: string | null): Promise<string> {
    return inTransaction(em, async (tx) => {
      const row = id ? await this.photoTags.owners(tx, id) : null;
      if (!row) throw notFound('That photo tag does not exist (any more).', ['id']);
      if (row.userId !== actor.id && row.postAuthorId !== actor.id)
        throw forbidden("Only the post's author or the tagged person can remove this tag.", ['id']);
      await this.photoTags.delete(tx, row.id);
      return row.id;
    });
  }

  byIds(em: Db, ids: readonly string[]): Promise<PhotoTagRecord[]> {
    return this.photoTags.byIds(em, ids);
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { ErrorCollector, forbidden, invalid, notFound } from '../../graphql/errors.js';
import { fromGlobalId } from '../../graphql/ids.js';
import { inTransaction, type AfterCommit } from '../../lib/transaction.js';
import { areFriends, isBlockedEither } from '../friends/index.js';
import { PhotoTag, type Post } from './posts.entity.js';
import { postForAction } from './posts.service.js';
import type { PhotoTagInput } from './posts.types.js';

/** A photo tag as parsed from input (ids raw, '' when malformed; errors collected). */
export interface PhotoTagSpec {
  mediaId: string;
  userId: string;
  x: number;
  y: number;
  field: string[];
}

export class PhotoTagsService {
  parse(input: PhotoTagInput, field: string[], errors: ErrorCollector): PhotoTagSpec {
    const mediaId = fromGlobalId(input.mediaId, 'Media') ?? '';
    const userId = fromGlobalId(input.userId, 'User') ?? '';
    if (!mediaId) errors.add('INVALID', 'That is not a media id.', [...field, 'mediaId']);
    if (!userId) errors.add('INVALID', 'That is not a user id.', [...field, 'userId']);
    for (const axis of ['x', 'y'] as const) {
      const value = input[axis];
      if (!Number.isFinite(value) || value < 0 || value > 1) errors.add('INVALID', `${axis} must be between 0 and 1.`, [...field, axis]);
    }
    return { mediaId, userId, x: input.x, y: input.y, field };
  }

  async add(ctx: Context, viewerId: string, postGlobalId: string, input: PhotoTagInput): Promise<PhotoTag> {
    const errors = new ErrorCollector();
    const spec = this.parse(input, ['input'], errors);
    errors.throwIfAny();
    return inTransaction(ctx.em, async (tx, afterCommit) => {
      const post = await postForAction(tx, fromGlobalId(postGlobalId, 'Post'), viewerId, ['postId']);
      if (post.authorId !== viewerId) throw forbidden('Only the author can tag people in this post.', ['postId']);
      const inPost = await tx.execute('select 1 from post_media where post_id = ? and media_id = ?', [post.id, spec.mediaId]);
      if (!inPost.length) throw invalid(['input', 'mediaId'], 'That photo is not in this post.');
      return this.insert(ctx, tx, afterCommit, post, viewerId, spec);
    });
  }

  /**
   * Tags `spec.userId` (a friend of the author, or the author) in a photo of `post`, or moves
   * an existing tag of them in that photo; the tagged user is notified the first time.
   */
  async insert(ctx: Context, tx: EntityManager, afterCommit: AfterCommit, post: Post, viewerId: string, spec: PhotoTagSpec): Promise<PhotoTag> {
    if (spec.userId !== viewerId) {
      const [user] = await tx.execute('select 1 from users where id = ?', [spec.userId]);
      if (!user) throw notFound('That user does not exist.', [...spec.field, 'userId']);
      if (await isBlockedEither(tx, viewerId, spec.userId)) throw forbidden('You cannot tag this user.', [...spec.field, 'userId']);
      if (!(await areFriends(tx, viewerId, spec.userId))) throw forbidden('You can only tag your friends.', [...spec.field, 'userId']);
    }
    const [row] = await tx.execute(
      `insert into photo_tags (id, post_id, media_id, user_id, x, y, created_at) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?)
       on conflict (post_id, media_id, user_id) do update set x = excluded.x, y = excluded.y
       returning *, (xmax = 0) as _inserted`, [post.id, spec.mediaId, spec.userId, spec.x, spec.y, new Date()]);
    const { _inserted, ...fields } = row;
    const tag = tx.map(PhotoTag, fields);
    if (_inserted) {
      await ctx.services.notifications.notify(tx, afterCommit, {
        recipientId: spec.userId, type: 'PHOTO_TAG', actorId: viewerId, postId: post.id, mediaId: spec.mediaId,
        dedupeKey: `photo-tag:${post.id}:${spec.mediaId}`,
      });
    }
    return tag;
  }

  /** The post's author or the tagged user removes a tag. */
  async remove(ctx: Context, viewerId: string, globalId: string): Promise<string> {
    return inTransaction(ctx.em, async (tx) => {
      const rawId = fromGlobalId(globalId, 'PhotoTag');
      const [row] = rawId
        ? await tx.execute('select pt.id, pt.user_id, p.author_id from photo_tags pt join posts p on p.id = pt.post_id where pt.id = ?', [rawId])
        : [];
      if (!row) throw notFound('That photo tag does not exist (any more).', ['id']);
      if (row.user_id !== viewerId && row.author_id !== viewerId) throw forbidden('Only the post\'s author or the tagged person can remove this tag.', ['id']);
      await tx.execute('delete from photo_tags where id = ?', [row.id]);
      return row.id as string;
    });
  }
}

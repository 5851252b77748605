import type { Actor } from '../../kernel/actor.js';
import { inTransaction, type Db } from '../../kernel/db.js';
import type { EventBus } from '../../kernel/events.js';
import { paginate, timeKey, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import type { Blocks, Notifier, PostAccess } from './posts.collaborators.js';
import type { LikeRecord, LikesRepository } from './likes.repository.js';
import type { PostRecord } from './posts.rows.js';

/** Likes on the posts of `authorId`: one topic for likes and unlikes. */
export const postLikedTopic = (authorId: string) => `post-liked:${authorId}`;

/** Published after a like or an unlike commits (ids only; subscribers load the rest in their own scope). */
export interface PostLikeChange {
  postId: string;
  /** Who liked or unliked. */
  userId: string;
  /** True when a like was added. */
  liked: boolean;
  /** The new like; null on unlike. */
  likeId: string | null;
}

/**
 * Likes and favorites: idempotent, so a double tap or twenty concurrent taps leave exactly one row;
 * only an actual change notifies and publishes.
 */
export class LikesService {
  constructor(
    private readonly likes: LikesRepository,
    private readonly access: PostAccess,
    private readonly notifications: Notifier,
    private readonly blocks: Blocks,
    private readonly events: EventBus,
  ) {}

  async like(actor: Actor, em: Db, postId: string | null): Promise<PostRecord> {
    return inTransaction(em, async (tx, afterCommit) => {
      const post = await this.access.forAction(tx, actor.id, postId, ['postId']);
      const likeId = await this.likes.like(tx, post.id, actor.id);
      if (likeId) {
        await this.notifications.notify(tx, afterCommit, {
          recipientId: post.authorId,
          type: 'LIKE',
          actorId: actor.id,
          postId: post.id,
          dedupeKey: `like:${post.id}:${actor.id}`,
        });
        this.publish(afterCommit, post, { postId: post.id, userId: actor.id, liked: true, likeId });
      }
      return post;
    });
  }

  async unlike(actor: Actor, em: Db, postId: string | null): Promise<PostRecord> {
    return inTransaction(em, async (tx, afterCommit) => {
      const post = await this.access.forAction(tx, actor.id, postId, ['postId']);
      if (await this.likes.unlike(tx, post.id, actor.id)) {
        this.publish(afterCommit, post, { postId: post.id, userId: actor.id, liked: false, likeId: null });
      }
      return post;
    });
  }

  async favorite(actor: Actor, em: Db, postId: string | null): Promise<PostRecord> {
    return inTransaction(em, async (tx) => {
      const post = await this.access.forAction(tx, actor.id, postId, ['postId']);
      await this.likes.favorite(tx, post.id, actor.id);
      return post;
    });
  }

  async unfavorite(actor: Actor, em: Db, postId: string | null): Promise<PostRecord> {
    return inTransaction(em, async (tx) => {
      const post = await this.access.forAction(tx, actor.id, postId, ['postId']);
      await this.likes.unfavorite(tx, post.id, actor.id);
      return post;
    });
  }

  /** Likes of a post, newest first, likes by users blocked either way with the viewer hidden. */
  page(actor: Actor | null, em: Db, postId: string, page: PageInput): Promise<ConnectionShape<LikeRecord>> {
    const viewerId = actor?.id ?? null;
    return paginate({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => this.likes.page(em, viewerId, postId, limit, after),
      keyOf: timeKey,
      count: () => this.likes.count(em, viewerId, postId),
    });
  }

  byIds(em: Db, ids: readonly string[]): Promise<LikeRecord[]> {
    return this.likes.byIds(em, ids);
  }

  /** False when the one who liked or unliked and the actor blocked each other (the change is not shown). */
  async mayShowChange(actor: Actor, em: Db, change: PostLikeChange): Promise<boolean> {
    return !(await this.blocks.isBlockedEither(em, actor.id, change.userId));
  }

  private publish(afterCommit: (cb: () => void) => void, post: PostRecord, change: PostLikeChange): void {
    afterCommit(() => this.events.publish(postLikedTopic(post.authorId), change));
  }
}

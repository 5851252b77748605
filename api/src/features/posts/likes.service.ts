import type { Context } from '../../graphql/context.js';
import { fromGlobalId } from '../../graphql/ids.js';
import type { PubSub } from '../../graphql/pubsub.js';
import { inTransaction } from '../../lib/transaction.js';
import type { Post } from './posts.entity.js';
import { postForAction } from './posts.service.js';

export const postLikedTopic = (authorId: string) => `post-liked:${authorId}`;
export interface PostLikedEvent {
  likeId: string;
  postId: string;
}

/**
 * Likes and favorites: idempotent (unique pair + `on conflict do nothing`), so a double tap
 * or twenty concurrent taps leave exactly one row.
 */
export class LikesService {
  constructor(private readonly pubsub: PubSub) {}

  async like(ctx: Context, viewerId: string, postGlobalId: string): Promise<Post> {
    return inTransaction(ctx.em, async (tx, afterCommit) => {
      const post = await postForAction(tx, fromGlobalId(postGlobalId, 'Post'), viewerId, ['postId']);
      const [inserted] = await tx.execute(
        `insert into likes (id, post_id, user_id, created_at) values (gen_random_uuid(), ?, ?, ?)
         on conflict (post_id, user_id) do nothing returning id`, [post.id, viewerId, new Date()]);
      if (inserted) {
        await ctx.services.notifications.notify(tx, afterCommit, {
          recipientId: post.authorId, type: 'LIKE', actorId: viewerId, postId: post.id, dedupeKey: `like:${post.id}:${viewerId}`,
        });
        const event: PostLikedEvent = { likeId: inserted.id, postId: post.id };
        afterCommit(() => this.pubsub.publish(postLikedTopic(post.authorId), event));
      }
      return post;
    });
  }

  async unlike(ctx: Context, viewerId: string, postGlobalId: string): Promise<Post> {
    return inTransaction(ctx.em, async (tx) => {
      const post = await postForAction(tx, fromGlobalId(postGlobalId, 'Post'), viewerId, ['postId']);
      await tx.execute('delete from likes where post_id = ? and user_id = ?', [post.id, viewerId]);
      return post;
    });
  }

  async favorite(ctx: Context, viewerId: string, postGlobalId: string): Promise<Post> {
    return inTransaction(ctx.em, async (tx) => {
      const post = await postForAction(tx, fromGlobalId(postGlobalId, 'Post'), viewerId, ['postId']);
      await tx.execute(
        `insert into favorites (id, user_id, post_id, created_at) values (gen_random_uuid(), ?, ?, ?)
         on conflict (user_id, post_id) do nothing`, [viewerId, post.id, new Date()]);
      return post;
    });
  }

  async unfavorite(ctx: Context, viewerId: string, postGlobalId: string): Promise<Post> {
    return inTransaction(ctx.em, async (tx) => {
      const post = await postForAction(tx, fromGlobalId(postGlobalId, 'Post'), viewerId, ['postId']);
      await tx.execute('delete from favorites where user_id = ? and post_id = ?', [viewerId, post.id]);
      return post;
    });
  }
}

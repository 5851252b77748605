import { sql, type Db } from '../../kernel/db.js';
import { hiddenPersonSql } from './post-filters.repository.js';

/** Likes of one comment as a viewer sees them. */
export interface CommentLikeStats {
  id: string;
  likeCount: number;
  viewerHasLiked: boolean;
}

/** Comment likes: idempotent (unique pair + `on conflict do nothing`), like post likes. */
export class CommentLikesRepository {
  /** True when a like was added (false: already liked). */
  async like(tx: Db, commentId: string, userId: string): Promise<boolean> {
    const rows = await sql(
      tx,
      `insert into comment_likes (id, comment_id, user_id, created_at) values (gen_random_uuid(), ?, ?, ?)
       on conflict (comment_id, user_id) do nothing returning id`,
      [commentId, userId, new Date()],
    );
    return rows.length > 0;
  }

  /** True when a like was taken back. */
  async unlike(tx: Db, commentId: string, userId: string): Promise<boolean> {
    return (await sql(tx, 'delete from comment_likes where comment_id = ? and user_id = ? returning id', [commentId, userId])).length > 0;
  }

  /** Like counts (likes by users blocked either way with the viewer left out) and the viewer's own like, per comment. */
  async stats(em: Db, viewerId: string | null, commentIds: readonly string[]): Promise<CommentLikeStats[]> {
    const hidden = hiddenPersonSql('cl.user_id', viewerId);
    const rows = await sql<{ id: string; likeCount: number; viewerHasLiked: boolean }>(
      em,
      `select cl.comment_id as id, count(*)::int as "likeCount", coalesce(bool_or(cl.user_id = ?::uuid), false) as "viewerHasLiked"
         from comment_likes cl where cl.comment_id in (?) and not (${hidden.sql}) group by cl.comment_id`,
      [viewerId, [...commentIds], ...hidden.params],
    );
    return rows;
  }
}

import { sql, type Db } from '../../kernel/db.js';
import { keysetSql } from '../../kernel/pagination.js';
import { toRecord } from '../../kernel/rows.js';
import { hiddenPersonSql } from './post-filters.repository.js';

/** One user's like of one post. */
export interface LikeRecord {
  id: string;
  postId: string;
  userId: string;
  createdAt: Date;
}
const toLike = toRecord<LikeRecord>('Like');

/**
 * Likes and favorites: idempotent (unique pair + `on conflict do nothing`), so a double tap or twenty
 * concurrent taps leave exactly one row.
 */
export class LikesRepository {
  /** The new like's id, or null when the user already liked the post. */
  async like(tx: Db, postId: string, userId: string): Promise<string | null> {
    const [row] = await sql<{ id: string }>(
      tx,
      `insert into likes (id, post_id, user_id, created_at) values (gen_random_uuid(), ?, ?, ?)
       on conflict (post_id, user_id) do nothing returning id`,
      [postId, userId, new Date()],
    );
    return row?.id ?? null;
  }

  /** The removed like's id, or null when there was none. */
  async unlike(tx: Db, postId: string, userId: string): Promise<string | null> {
    const [row] = await sql<{ id: string }>(tx, 'delete from likes where post_id = ? and user_id = ? returning id', [postId, userId]);
    return row?.id ?? null;
  }

  async favorite(tx: Db, postId: string, userId: string): Promise<void> {
    await sql(
      tx,
      `insert into favorites (id, user_id, post_id, created_at) values (gen_random_uuid(), ?, ?, ?)
       on conflict (user_id, post_id) do nothing`,
      [userId, postId, new Date()],
    );
  }

  async unfavorite(tx: Db, postId: string, userId: string): Promise<void> {
    await sql(tx, 'delete from favorites where user_id = ? and post_id = ?', [userId, postId]);
  }

  async byIds(em: Db, ids: readonly string[]): Promise<LikeRecord[]> {
    return (await sql<Record<string, unknown>>(em, 'select * from likes where id in (?)', [[...ids]])).map(toLike);
  }

  /** Likes of a post, newest first, likes by users blocked either way hidden. */
  async page(em: Db, viewerId: string | null, postId: string, limit: number, after: (string | number)[] | null): Promise<LikeRecord[]> {
    const hidden = hiddenPersonSql('l.user_id', viewerId);
    const key = keysetSql('l', after, 'desc');
    const rows = await sql<Record<string, unknown>>(
      em,
      `select l.* from likes l where l.post_id = ? and not (${hidden.sql}) and ${key.sql} order by l.created_at desc, l.id desc limit ?`,
      [postId, ...hidden.params, ...key.params, limit],
    );
    return rows.map(toLike);
  }

  async count(em: Db, viewerId: string | null, postId: string): Promise<number> {
    const hidden = hiddenPersonSql('l.user_id', viewerId);
    return (
      await sql<{ n: number }>(em, `select count(*)::int as n from likes l where l.post_id = ? and not (${hidden.sql})`, [
        postId,
        ...hidden.params,
      ])
    )[0].n;
  }
}

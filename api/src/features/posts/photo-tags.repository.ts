import { sql, type Db } from '../../kernel/db.js';
import { toRecord } from '../../kernel/rows.js';

/** A friend marked at (x, y) in one photo of a post, as reads hand it to resolvers. */
export interface PhotoTagRecord {
  id: string;
  postId: string;
  mediaId: string;
  userId: string;
  x: number;
  y: number;
  createdAt: Date;
}
export const toPhotoTag = toRecord<PhotoTagRecord>('PhotoTag');

export interface PhotoTagOwnersRow {
  id: string;
  userId: string;
  postAuthorId: string;
}

export class PhotoTagsRepository {
  async byIds(em: Db, ids: readonly string[]): Promise<PhotoTagRecord[]> {
    return (await sql<Record<string, unknown>>(em, 'select * from photo_tags where id in (?)', [[...ids]])).map(toPhotoTag);
  }

  /** Tags the user in the photo, or moves their tag there; `inserted` is false when it only moved. */
  async upsert(
    tx: Db,
    tag: { postId: string; mediaId: string; userId: string; x: number; y: number },
  ): Promise<{ tag: PhotoTagRecord; inserted: boolean }> {
    const [row] = await sql<Record<string, unknown> & { _inserted: boolean }>(
      tx,
      `insert into photo_tags (id, post_id, media_id, user_id, x, y, created_at) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?)
       on conflict (post_id, media_id, user_id) do update set x = excluded.x, y = excluded.y
       returning *, (xmax = 0) as _inserted`,
      [tag.postId, tag.mediaId, tag.userId, tag.x, tag.y, new Date()],
    );
    const { _inserted, ...fields } = row;
    return { tag: toPhotoTag(fields), inserted: _inserted };
  }

  /** The tag with who may remove it (tagged user, post author). */
  async owners(tx: Db, id: string): Promise<PhotoTagOwnersRow | null> {
    const [row] = await sql<PhotoTagOwnersRow>(
      tx,
      'select pt.id, pt.user_id as "userId", p.author_id as "postAuthorId" from photo_tags pt join posts p on p.id = pt.post_id where pt.id = ?',
      [id],
    );
    return row ?? null;
  }

  async delete(tx: Db, id: string): Promise<void> {
    await sql(tx, 'delete from photo_tags where id = ?', [id]);
  }
}

import { sql, type Db } from '../../kernel/db.js';

/**
 * Media rows. CROSS (accounts helper): only `ownerOf`, which accounts needs for `updateProfile(avatarId)`;
 * the media refactor owns and completes this file.
 */
export class MediaRepository {
  /** The owner's user id, or null when there is no such media. */
  async ownerOf(em: Db, mediaId: string): Promise<string | null> {
    const [row] = await sql<{ ownerId: string }>(em, 'select owner_id as "ownerId" from media where id = ?', [mediaId]);
    return row?.ownerId ?? null;
  }
}

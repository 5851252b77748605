import { isUuid } from '../../kernel/ids.js';
import { sql, type Db } from '../../kernel/db.js';
import type { AvatarOwners } from '../accounts/index.js';
import { Media, type MediaKindValue, type ScreenshotPersonRow } from './media.entity.js';
import { toMedia, type MediaRecord } from './media.records.js';

/** Who owns a media row, for features that attach media (accounts' avatar, posts' attachments and photo tags). */
export interface MediaOwnerRow {
  id: string;
  ownerId: string;
  kind: string;
}

/** What an upload stores; `id`, keys and `createdAt` are made here. */
export interface NewMedia {
  ownerId: string;
  kind: MediaKindValue;
  width: number;
  height: number;
  blurhash: string | null;
  altText: string | null;
  roomId: string | null;
  screenshotPeople: ScreenshotPersonRow[] | null;
  bytes: number;
}

/** The only place that reads or writes the `media` table. Stateless: methods take the EntityManager to work in. */
/** Also what accounts needs to check that an avatar is the user's own image (`AvatarOwners`). */
type SqlFragment = { sql: string; params: unknown[] };

/**
 * Who may see a media row by its id (`node(id)`), as SQL composed from the features that link to media
 * (server/compose.ts): `hidden` — the viewer may not see media of the user in `column` (friends' blocks);
 * `reachable` — the media `alias` is reachable for the viewer through a post, an avatar, a room they were in.
 * Without it only the owner sees their media by id.
 */
export interface MediaAudience {
  hidden: (column: string, viewerId: string | null) => SqlFragment;
  reachable: ((alias: string, viewerId: string | null) => SqlFragment)[];
}

const OWNER_ONLY: MediaAudience = { hidden: () => ({ sql: 'true', params: [] }), reachable: [] };

/** An upload's stored files, for deleting them once its row is gone. */
export interface MediaFilesRow {
  id: string;
  fileKey: string;
  thumbKey: string;
}

export class MediaRepository implements AvatarOwners {
  /**
   * `attachments`: SQL telling that the media `alias` is attached somewhere (a post, an avatar), from the features
   * that attach media (server/compose.ts); an upload attached nowhere is an orphan once old enough.
   */
  constructor(
    private readonly audience: MediaAudience = OWNER_ONLY,
    private readonly attachments: ((alias: string) => SqlFragment)[] = [],
  ) {}

  /** The ids among `ids` the viewer may see: their own media, or media of a visible owner reachable another way. */
  async visibleIds(em: Db, viewerId: string | null, ids: readonly string[]): Promise<string[]> {
    const wanted = ids.filter(isUuid);
    if (!wanted.length) return [];
    const hidden = this.audience.hidden('m.owner_id', viewerId);
    const reachable = this.audience.reachable.map((f) => f('m', viewerId));
    const via = reachable.length ? reachable.map((r) => `(${r.sql})`).join(' or ') : 'false';
    const rows = await sql<{ id: string }>(
      em,
      `select m.id from media m where m.id in (?) and (m.owner_id = ?::uuid or (not (${hidden.sql}) and (${via})))`,
      [wanted, isUuid(viewerId) ? viewerId : null, ...hidden.params, ...reachable.flatMap((r) => r.params)],
    );
    return rows.map((r) => r.id);
  }

  /** Rows by raw id, in no particular order; missing and malformed ids are left out. */
  async byIds(em: Db, ids: readonly string[]): Promise<MediaRecord[]> {
    const wanted = ids.filter(isUuid);
    if (!wanted.length) return [];
    const rows = await sql<Record<string, unknown>>(em, 'select * from media where id in (?)', [wanted]);
    return rows.map(toMedia);
  }

  /** The owner of one media row, or null when there is none. */
  async ownerOf(em: Db, mediaId: string): Promise<string | null> {
    if (!isUuid(mediaId)) return null;
    const [row] = await sql<{ ownerId: string }>(em, 'select owner_id as "ownerId" from media where id = ?', [mediaId]);
    return row?.ownerId ?? null;
  }

  /** Owner and kind of each existing row among `mediaIds` (missing ones are left out). */
  async ownersOf(em: Db, mediaIds: readonly string[]): Promise<MediaOwnerRow[]> {
    const wanted = mediaIds.filter(isUuid);
    if (!wanted.length) return [];
    return sql<MediaOwnerRow>(em, 'select id, owner_id as "ownerId", kind from media where id in (?)', [wanted]);
  }

  /** Sets each listed media's alt text (only the owner's rows change). */
  async setAltTexts(tx: Db, ownerId: string, items: { id: string; altText: string | null }[]): Promise<void> {
    const wanted = items.filter((item) => isUuid(item.id));
    if (!wanted.length) return;
    await sql(
      tx,
      `update media m set alt_text = t.alt from jsonb_to_recordset(?::jsonb) as t(id uuid, alt text)
        where m.id = t.id and m.owner_id = ?`,
      [JSON.stringify(wanted.map((item) => ({ id: item.id, alt: item.altText }))), ownerId],
    );
  }

  /** One keyset page of an owner's screenshots, newest first, after the `(created_at, id)` key. */
  async screenshotsPage(em: Db, ownerId: string, limit: number, after: [string | null, string | null]): Promise<MediaRecord[]> {
    const [time, id] = after;
    const rows = await sql<Record<string, unknown>>(
      em,
      `select * from media where owner_id = ? and kind = 'SCREENSHOT'
         and (?::timestamptz is null or (created_at, id) < (?::timestamptz, ?::uuid))
       order by created_at desc, id desc limit ?`,
      [ownerId, time, time, id, limit],
    );
    return rows.map(toMedia);
  }

  async countScreenshots(em: Db, ownerId: string): Promise<number> {
    const [row] = await sql<{ n: number }>(em, `select count(*)::int as n from media where owner_id = ? and kind = 'SCREENSHOT'`, [
      ownerId,
    ]);
    return row?.n ?? 0;
  }

  /** Bytes the owner's stored images take (the `bytes` column), for the upload quota. */
  async bytesUsed(em: Db, ownerId: string): Promise<number> {
    const [row] = await sql<{ n: string }>(em, 'select coalesce(sum(bytes), 0)::bigint as n from media where owner_id = ?', [ownerId]);
    return Number(row?.n ?? 0);
  }

  /** Serialises the owner's uploads until the transaction ends, so two at once cannot both pass the quota. */
  async lockOwnerUploads(tx: Db, ownerId: string): Promise<void> {
    await sql(tx, `select pg_advisory_xact_lock(hashtextextended('media:' || ?::text, 0))`, [ownerId]);
  }

  /**
   * Deletes up to `limit` uploads and avatars created before `cutoff` that nothing refers to (screenshots belong to
   * their room's album and stay) and returns their files. Rows being attached right now are locked and skipped.
   */
  async deleteUnattached(tx: Db, cutoff: Date, limit: number): Promise<MediaFilesRow[]> {
    const attached = this.attachments.map((a) => a('m'));
    const notAttached = attached.map((a) => `not (${a.sql})`).join(' and ') || 'true';
    return sql<MediaFilesRow>(
      tx,
      `delete from media where id in (
         select m.id from media m
          where m.kind in ('UPLOAD', 'AVATAR') and m.created_at < ? and ${notAttached}
          order by m.created_at limit ? for update skip locked)
       returning id, file_key as "fileKey", thumb_key as "thumbKey"`,
      [cutoff, ...attached.flatMap((a) => a.params), limit],
    );
  }

  /** Inserts one row (flushed, so the id can be referenced in the same transaction). */
  async insert(tx: Db, input: NewMedia): Promise<MediaRecord> {
    const media = tx.create(Media, { ...input, fileKey: '', thumbKey: '', createdAt: new Date() });
    media.fileKey = `${media.id}.webp`;
    media.thumbKey = `${media.id}-t.webp`;
    await tx.flush();
    return media;
  }
}

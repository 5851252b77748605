import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export const MEDIA_KINDS = ['UPLOAD', 'SCREENSHOT', 'AVATAR'] as const;
export type MediaKindValue = (typeof MEDIA_KINDS)[number];

/** One person in a screenshot: the raw user id and where their face is, 0–1 from the left and from the top. */
export interface ScreenshotPersonRow {
  userId: string;
  x: number;
  y: number;
}

/**
 * One uploaded image, stored re-encoded (no metadata) as `<id>.webp` (display size)
 * and `<id>-t.webp` (thumbnail). Only its owner can attach it to posts, the profile or photo tags.
 */
@Entity({ tableName: 'media' })
// The screenshot album (and any per-kind listing) of one owner, newest first.
@Index({
  name: 'media_owner_kind_created_idx',
  expression: 'create index "media_owner_kind_created_idx" on "media" ("owner_id", "kind", "created_at" desc, "id" desc)',
})
@Index({ name: 'media_room_idx', expression: 'create index "media_room_idx" on "media" ("room_id") where "room_id" is not null' })
export class Media {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Foreign key to users (the id itself, `mapToPk`); deleting the owner deletes their media. */
  @ManyToOne('User', { mapToPk: true, fieldName: 'owner_id', deleteRule: 'cascade', updateRule: 'no action' })
  ownerId!: string;

  @Enum({ items: [...MEDIA_KINDS], columnType: 'varchar(16)' })
  kind: MediaKindValue = 'UPLOAD';

  /** Storage key of the display image; the thumbnail is `thumbKey`. */
  @Property({ type: 'string', length: 100 })
  fileKey!: string;

  @Property({ type: 'string', length: 100 })
  thumbKey!: string;

  @Property({ type: 'integer' })
  width!: number;

  @Property({ type: 'integer' })
  height!: number;

  @Property({ type: 'string', length: 100, nullable: true })
  blurhash: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  altText: string | null = null;

  /** For screenshots: the room it was taken in (the calls feature resolves `Media.room`). */
  @Property({ type: 'uuid', nullable: true })
  roomId: string | null = null;

  /** For screenshots: who is where in the picture (user uuid, face point 0–1), as the capturing browser saw it. */
  @Property({ type: 'json', columnType: 'jsonb', nullable: true })
  screenshotPeople: ScreenshotPersonRow[] | null = null;

  @Property({ type: 'integer' })
  bytes!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

export const mediaEntities = [Media];

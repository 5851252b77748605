import { toRecord } from '../../kernel/rows.js';
import type { MediaKindValue, ScreenshotPersonRow } from './media.entity.js';

/** A media row as reads hand it to resolvers (the entity's fields as a plain object); a `Media` entity fits it too. */
export interface MediaRecord {
  id: string;
  ownerId: string;
  kind: MediaKindValue;
  fileKey: string;
  thumbKey: string;
  width: number;
  height: number;
  blurhash: string | null;
  altText: string | null;
  /** For screenshots: the room it was taken in. */
  roomId: string | null;
  /** For screenshots: who is where (null when the capture sent nothing). */
  screenshotPeople: ScreenshotPersonRow[] | null;
  bytes: number;
  createdAt: Date;
}

/** A `select *` row of `media` (or a `json_agg(m.*)` element) → MediaRecord. */
export const toMedia = toRecord<MediaRecord>('Media');

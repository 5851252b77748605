import { toRecord } from '../../kernel/rows.js';
import type { Media } from './media.entity.js';

/** A media row as reads hand it to resolvers: the entity's fields as a plain object. */
export type MediaRecord = Omit<Media, never>;
export const toMedia = toRecord<MediaRecord>('Media');

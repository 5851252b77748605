import { toRecord } from '../../kernel/rows.js';
import type { Tag } from './tags.entity.js';

/** A tag row as reads hand it to resolvers: the entity's fields as a plain object. */
export type TagRecord = Omit<Tag, never>;
export const toTag = toRecord<TagRecord>('Tag');

// The tags feature's public surface: other features import only this file.
import type { Db } from '../../kernel/db.js';
import type { Tag } from './tags.entity.js';
import { TagsRepository } from './tags.repository.js';

export { Tag } from './tags.entity.js';
export { tagById } from './tags.loaders.js';
export { toTag, type TagRecord } from './tags.records.js';
export { MAX_TAG_LENGTH, MAX_TAGS, normaliseTag, normaliseTags, type TagsService } from './tags.service.js';
export { tagNameLikeSql } from './tags.repository.js';
export { TagObject } from './tags.types.js';

// Until posts and rooms call `services.tags` (their refactors), these keep their old imports working.
const legacy = new TagsRepository();
/** @deprecated use `services.tags.upsertTags(tx, names)`. */
export const upsertTags = (tx: Db, names: string[]): Promise<Tag[]> => legacy.upsert(tx, names);
/** @deprecated use `services.tags.adjustPostCounts(tx, tagIds, delta)`. */
export const adjustPostCounts = (tx: Db, tagIds: string[], delta: number): Promise<void> => legacy.adjustPostCounts(tx, tagIds, delta);

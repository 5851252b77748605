// The tags feature's public surface: other features import only this file.
export { Tag } from './tags.entity.js';
export { toTag, type TagRecord } from './tags.records.js';
export { adjustPostCounts, normaliseTag, normaliseTags, upsertTags } from './tags.service.js';
export type { TagsService } from './tags.service.js';
export { TagObject } from './tags.types.js';

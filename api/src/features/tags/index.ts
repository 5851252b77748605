// The tags feature's public surface for services and repositories; GraphQL pieces are in graphql.ts.

export { toTag, type TagRecord } from './tags.records.js';
export { normaliseTag, normaliseTags, type TagsService } from './tags.service.js';
export { tagNameLikeSql } from './tags.repository.js';

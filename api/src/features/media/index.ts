// The media feature's public surface for services and repositories; GraphQL pieces are in graphql.ts.
export { Media } from './media.entity.js';
export { toMedia, type MediaRecord } from './media.records.js';
export type { MediaService, ScreenshotPolicy } from './media.service.js';

// The media feature's public surface: other features import only this file.
export { Media } from './media.entity.js';
export { mediaById } from './media.loaders.js';
export { toMedia, type MediaRecord } from './media.records.js';
export type { MediaOwnerRow, MediaRepository } from './media.repository.js';
export type { MediaService, ScreenshotPolicy } from './media.service.js';
export { MediaObject } from './media.types.js';
/** @deprecated TEMPORARY (media.legacy.ts): removed when facechat implements ScreenshotPolicy. */
export type { ScreenshotHook } from './media.legacy.js';

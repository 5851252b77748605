// The media feature's public surface: other features import only this file.
export { Media } from './media.entity.js';
export { mediaById } from './media.loaders.js';
export { toMedia, type MediaRecord } from './media.records.js';
export type { MediaService, ScreenshotHook } from './media.service.js';
export { MediaObject } from './media.types.js';

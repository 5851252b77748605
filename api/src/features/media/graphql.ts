// The media feature's GraphQL surface for other features' resolvers and loaders.
export { mediaById } from './media.loaders.js';
export { MediaObject } from './media.types.js';

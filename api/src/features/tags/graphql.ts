// The tags feature's GraphQL surface for other features' resolvers and loaders.
export { tagById } from './tags.loaders.js';
export { TagConnection, TagObject } from './tags.types.js';

// Public surface of posts for other features' GraphQL adapters.
export { CommentObject, PostObject } from './posts.types.js';

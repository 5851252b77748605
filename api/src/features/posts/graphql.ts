// Public surface of posts for other features' GraphQL adapters.
export { CommentConnection, CommentObject, PostConnection, PostObject } from './posts.types.js';
export { adopt as adoptPostPage } from './posts.loaders.js';

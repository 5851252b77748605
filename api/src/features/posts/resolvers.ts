import { CommentsResolver } from './comments.resolver.js';
import { LikesResolver } from './likes.resolver.js';
import { PhotoTagsResolver } from './photo-tags.resolver.js';
import { PostNotificationResolver, PostUserResolver } from './posts.extensions.js';
import { PostsResolver } from './posts.resolver.js';

/** Every resolver class of posts, likes, favorites, comments and photo tags. */
export const postResolvers = [
  PostsResolver,
  LikesResolver,
  CommentsResolver,
  PhotoTagsResolver,
  PostUserResolver,
  PostNotificationResolver,
];

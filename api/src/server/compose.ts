import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { PubSub } from '../graphql/pubsub.js';
import type { TokenSigner } from '../lib/tokens.js';
import { AccountsService } from '../features/accounts/accounts.service.js';
import { FriendsService } from '../features/friends/friends.service.js';
import { NotificationsService } from '../features/notifications/notifications.service.js';
import { MediaService } from '../features/media/media.service.js';
import { TagsService } from '../features/tags/tags.service.js';
import { CommentsService } from '../features/posts/comments.service.js';
import { LikesService } from '../features/posts/likes.service.js';
import { PhotoTagsService } from '../features/posts/photo-tags.service.js';
import { PostsService } from '../features/posts/posts.service.js';
import { facechatServices } from '../features/rooms/facechat.js';

export interface ServiceDeps {
  config: Config;
  pubsub: PubSub;
  signer: TokenSigner;
  orm: MikroORM;
  log: Logger;
}

/**
 * The composition root: every repository and service is built here, once, with its collaborators passed
 * to its constructor. Nothing else constructs a service; adapters receive `Services`.
 */
export function createServices(deps: ServiceDeps) {
  return {
    accounts: new AccountsService(deps.signer),
    notifications: new NotificationsService(deps.pubsub),
    friends: new FriendsService(),
    tags: new TagsService(),
    media: new MediaService(deps),
    posts: new PostsService(),
    likes: new LikesService(deps.pubsub),
    comments: new CommentsService(),
    photoTags: new PhotoTagsService(),
    ...facechatServices(deps),
  };
}

export type Services = ReturnType<typeof createServices>;

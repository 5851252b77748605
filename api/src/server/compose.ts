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
import { CommentsRepository } from '../features/posts/comments.repository.js';
import { CommentsService } from '../features/posts/comments.service.js';
import { LikesRepository } from '../features/posts/likes.repository.js';
import { LikesService } from '../features/posts/likes.service.js';
import { PhotoTagsRepository } from '../features/posts/photo-tags.repository.js';
import { PhotoTagsService } from '../features/posts/photo-tags.service.js';
import { PostAccess } from '../features/posts/posts.collaborators.js';
import { PostsRepository } from '../features/posts/posts.repository.js';
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
  const accounts = new AccountsService(deps.signer);
  const notifications = new NotificationsService(deps.pubsub);
  const friends = new FriendsService();
  const tags = new TagsService();
  const media = new MediaService(deps);
  const postsRepository = new PostsRepository();
  const postAccess = new PostAccess(postsRepository, friends);
  const photoTags = new PhotoTagsService(new PhotoTagsRepository(), postsRepository, postAccess, accounts, friends, notifications);
  return {
    accounts,
    notifications,
    friends,
    tags,
    media,
    posts: new PostsService(postsRepository, postAccess, photoTags, media, tags, notifications, friends),
    likes: new LikesService(new LikesRepository(), postAccess, notifications, friends, deps.pubsub),
    comments: new CommentsService(new CommentsRepository(), postAccess, notifications, friends),
    photoTags,
    ...facechatServices(deps),
  };
}

export type Services = ReturnType<typeof createServices>;

import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { PubSub } from '../graphql/pubsub.js';
import type { TokenSigner } from '../lib/tokens.js';
import { AccountsRepository } from '../features/accounts/accounts.repository.js';
import { AccountsService } from '../features/accounts/accounts.service.js';
import { FriendsRepository } from '../features/friends/friends.repository.js';
import { FriendsService } from '../features/friends/friends.service.js';
import { NotificationsRepository } from '../features/notifications/notifications.repository.js';
import { NotificationsService } from '../features/notifications/notifications.service.js';
import { screenshotPolicyFromHook } from '../features/media/media.legacy.js';
import { TagsRepository } from '../features/tags/tags.repository.js';
import { TagsService } from '../features/tags/tags.service.js';
import { blockedSql } from '../features/friends/index.js';
import { MediaRepository } from '../features/media/media.repository.js';
import { MediaService } from '../features/media/media.service.js';
import { createMediaStorage } from '../features/media/media.storage.js';
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
  const mediaRepository = new MediaRepository();
  const notifications = new NotificationsService(deps.pubsub, new NotificationsRepository());
  // Search hides users blocked either way (friends owns blocks); avatars must be the user's own media.
  const accounts = new AccountsService(deps.signer, new AccountsRepository(blockedSql), mediaRepository);
  const tags = new TagsService(new TagsRepository());
  const facechat = facechatServices(deps);
  const media = new MediaService({
    config: deps.config, storage: createMediaStorage(deps.config), repository: mediaRepository,
    // TEMPORARY (media.legacy.ts) until FacechatService implements ScreenshotPolicy: `screenshots: facechat`.
    screenshots: screenshotPolicyFromHook(facechat.chat.screenshotHook(notifications)),
  });
  return {
    accounts,
    notifications,
    friends: new FriendsService(new FriendsRepository(), notifications, accounts),
    tags,
    media,
    posts: new PostsService(),
    likes: new LikesService(deps.pubsub),
    comments: new CommentsService(),
    photoTags: new PhotoTagsService(),
    ...facechat,
  };
}

export type Services = ReturnType<typeof createServices>;

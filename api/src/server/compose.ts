import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { PubSub } from '../graphql/pubsub.js';
import type { TokenSigner } from '../lib/tokens.js';
import { AccountsService } from '../features/accounts/accounts.service.js';
import { FriendsService } from '../features/friends/friends.service.js';
import { NotificationsService } from '../features/notifications/notifications.service.js';
import { MediaService } from '../features/media/media.service.js';
import { CommentsService } from '../features/posts/comments.service.js';
import { LikesService } from '../features/posts/likes.service.js';
import { PhotoTagsService } from '../features/posts/photo-tags.service.js';
import { PostsService } from '../features/posts/posts.service.js';
import { TagsService } from '../features/tags/tags.service.js';
import type { ScreenshotHook } from '../features/media/index.js';
import { CallsRepository } from '../features/facechat/calls.repository.js';
import { CallsService } from '../features/facechat/calls.service.js';
import { ChatRepository } from '../features/facechat/chat.repository.js';
import { ChatService } from '../features/facechat/chat.service.js';
import { FacechatService } from '../features/facechat/facechat.service.js';
import { LivekitGateway } from '../features/facechat/livekit.js';
import { RoomsRepository } from '../features/facechat/rooms.repository.js';
import { RoomsService } from '../features/facechat/rooms.service.js';
import { forbidden } from '../kernel/errors.js';
import { createScope } from '../kernel/scope.js';

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
  const facechat = createFacechat(deps, { accounts, notifications, friends, tags });
  const media = new MediaService(deps);
  // Until media takes a ScreenshotPolicy in its constructor (CROSS.md), facechat's policy goes in through the old hook.
  media.onScreenshot(screenshotHook(facechat));
  return {
    accounts,
    notifications,
    friends,
    tags,
    media,
    posts: new PostsService(),
    likes: new LikesService(deps.pubsub),
    comments: new CommentsService(),
    photoTags: new PhotoTagsService(),
    facechat,
  };
}

/** Facechat: its repositories, the LiveKit gateway, the internal rooms/calls/chat parts and the one public facade. */
function createFacechat(
  deps: ServiceDeps,
  others: { accounts: AccountsService; notifications: NotificationsService; friends: FriendsService; tags: TagsService },
): FacechatService {
  const newEm = () => createScope(deps.orm).em;
  const roomsRepo = new RoomsRepository();
  const callsRepo = new CallsRepository();
  const chatRepo = new ChatRepository();
  const livekit = new LivekitGateway(deps.config.livekit, deps.log.child({ component: 'livekit' }));
  const rooms = new RoomsService({
    repo: roomsRepo, calls: callsRepo, livekit, events: deps.pubsub, friends: others.friends, tags: others.tags, accounts: others.accounts, newEm,
  });
  const calls = new CallsService({
    repo: callsRepo, roomsRepo, rooms, events: deps.pubsub, notifications: others.notifications, friends: others.friends,
    accounts: others.accounts, ringTimeoutMs: deps.config.callRingTimeoutMs, log: deps.log, newEm,
  });
  const chat = new ChatService({ repo: chatRepo, roomsRepo, callsRepo, events: deps.pubsub, notifications: others.notifications });
  return new FacechatService({ rooms, calls, chat, roomsRepo, callsRepo, log: deps.log });
}

/** Adapter from facechat's ScreenshotPolicy to media's current `onScreenshot` hook (goes when media takes the policy). */
function screenshotHook(policy: FacechatService): ScreenshotHook {
  return {
    check: async (ctx, roomId) => {
      if (!ctx.actor) throw forbidden('Only people in this room can store a screenshot of it.');
      await policy.assertMayCapture(ctx.actor, ctx.em, roomId);
    },
    after: (tx, afterCommit, media, actorId) => policy.recorded(tx, afterCommit, { mediaId: media.id, roomId: media.roomId!, actorId }),
  };
}

export type Services = ReturnType<typeof createServices>;

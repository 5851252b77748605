import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { EventBus } from '../kernel/events.js';
import type { TokenSigner } from '../lib/tokens.js';
import { AccountsRepository } from '../features/accounts/accounts.repository.js';
import { AccountsService } from '../features/accounts/accounts.service.js';
import { FriendsRepository } from '../features/friends/friends.repository.js';
import { FriendsService } from '../features/friends/friends.service.js';
import { NotificationsRepository } from '../features/notifications/notifications.repository.js';
import { NotificationsService } from '../features/notifications/notifications.service.js';
import { TagsRepository } from '../features/tags/tags.repository.js';
import { TagsService } from '../features/tags/tags.service.js';
import { avatarMediaSql, eitherHidden, suspendedHiddenSql } from '../features/accounts/index.js';
import { blockedSql, blockedViewerSql } from '../features/friends/index.js';
import { MediaRepository } from '../features/media/media.repository.js';
import { ImagePool } from '../features/media/media.image.js';
import { MediaService } from '../features/media/media.service.js';
import { createMediaStorage } from '../features/media/media.storage.js';
import { CommentsRepository } from '../features/posts/comments.repository.js';
import { CommentsService } from '../features/posts/comments.service.js';
import { LikesRepository } from '../features/posts/likes.repository.js';
import { LikesService } from '../features/posts/likes.service.js';
import { PhotoTagsRepository } from '../features/posts/photo-tags.repository.js';
import { PhotoTagsService } from '../features/posts/photo-tags.service.js';
import { PostAccess } from '../features/posts/posts.collaborators.js';
import { postMediaSql, removedPostNoticeSql, visiblePostMediaSql } from '../features/posts/post-filters.repository.js';
import { PostsRepository } from '../features/posts/posts.repository.js';
import { PostsService } from '../features/posts/posts.service.js';
import { CallsRepository } from '../features/facechat/calls.repository.js';
import { CallsService } from '../features/facechat/calls.service.js';
import type { CallLog } from '../features/facechat/calls.transitions.js';
import { ChatRepository } from '../features/facechat/chat.repository.js';
import { ChatService } from '../features/facechat/chat.service.js';
import { FacechatService } from '../features/facechat/facechat.service.js';
import { LivekitGateway } from '../features/facechat/livekit.js';
import { RoomsRepository, removedRoomNoticeSql, screenshotSeenSql } from '../features/facechat/rooms.repository.js';
import { RoomInvites } from '../features/facechat/room-invites.js';
import { RoomsPresence } from '../features/facechat/rooms.presence.js';
import { RoomsService } from '../features/facechat/rooms.service.js';
import { FacechatStaffRepository } from '../features/facechat/facechat.staff.repository.js';
import { ModerationLogRepository } from '../features/moderation/moderation.repository.js';
import { ModerationLogService } from '../features/moderation/moderation-log.service.js';
import { ReportsRepository } from '../features/moderation/reports.repository.js';
import { ReportsService } from '../features/moderation/reports.service.js';
import { reportSubjects } from '../features/moderation/reports.subjects.js';
import { RemovalService } from '../features/moderation/removal.service.js';
import { AccountModerationService } from '../features/moderation/account-moderation.service.js';
import { AdminListsService } from '../features/moderation/admin-lists.service.js';
import { AccountEmailService } from '../features/accounts/account-email.service.js';
import { AccountTokensRepository } from '../features/accounts/account-tokens.repository.js';
import { createMailTransport, OutboxMailer } from '../features/mail/index.js';
import { AccountsStaffRepository } from '../features/accounts/accounts.staff.repository.js';
import { AccountsStaffService } from '../features/accounts/accounts.staff.service.js';
import { createScope } from '../kernel/scope.js';
import { MessagesRepository } from '../features/messages/messages.repository.js';
import { ReadMarksRepository } from '../features/messages/read-marks.repository.js';
import { MessagesService } from '../features/messages/messages.service.js';
import { conversationMediaSql, directMessageMediaSql } from '../features/messages/index.js';
import type { Jobs } from '../kernel/jobs.js';
import { createJobs } from './jobs/index.js';
import type { RateLimits } from '../kernel/rate-limit.js';
import { PostgresRateLimits } from '../db/rate-limits.js';

export interface ServiceDeps {
  config: Config;
  /** Live events (graphql/pubsub.ts's PubSub in this process). */
  pubsub: EventBus;
  signer: TokenSigner;
  orm: MikroORM;
  log: Logger;
}

/**
 * The composition root: every repository and service is built here, once, with its collaborators passed
 * to its constructor. Nothing else constructs a service; adapters receive `Services`.
 * Order follows the feature dependencies: kernel ← accounts ← notifications ← media, tags, friends ← posts, facechat, messages.
 */
export function createServices(deps: ServiceDeps) {
  // The one rate-limit mechanism (limits in config.rateLimits), shared by every service that counts.
  const rateLimits: RateLimits = new PostgresRateLimits(deps.orm, deps.config.rateLimits, deps.log.child({ component: 'rate-limits' }));
  // Delayed and periodic work (ring time-outs, clean-ups): BullMQ with REDIS_URL, timers of this process without.
  const jobs = createJobs(deps.config, deps.log.child({ component: 'jobs' }));
  // By id, media is seen by its owner, or through a post they may see, an avatar, a room the viewer was in or a conversation
  // they are in (never across a block); an upload is attached through a post, an avatar or a direct message (unattached old
  // ones are cleaned up).
  const mediaRepository = new MediaRepository(
    { hidden: blockedSql, reachable: [avatarMediaSql, visiblePostMediaSql, screenshotSeenSql, conversationMediaSql] },
    [avatarMediaSql, postMediaSql, directMessageMediaSql],
  );
  const notifications = new NotificationsService(deps.pubsub, new NotificationsRepository([removedPostNoticeSql, removedRoomNoticeSql]));
  // Search hides users blocked either way, profiles those who blocked the viewer (friends owns blocks), both suspended
  // users from everyone but staff; avatars must be
  // the user's own media; ended sessions are announced on the bus (every instance closes their sockets).
  // E-mail goes out as background jobs, over SMTP_URL or (the local default) into the log.
  const mailLog = deps.log.child({ component: 'mail' });
  if (deps.config.mail.logOnlyInProduction) mailLog.warn('SMTP_URL is not set: e-mails (verification, password reset) only go to the log');
  const mailer = new OutboxMailer(
    jobs,
    createMailTransport({ smtpUrl: deps.config.mail.smtpUrl, mailFrom: deps.config.mail.from }, mailLog),
    mailLog,
  );
  const accountEmail = new AccountEmailService(new AccountTokensRepository(), mailer, rateLimits, deps.pubsub, () => deps.config.publicUrl);
  const accounts = new AccountsService(
    deps.signer,
    new AccountsRepository(
      (column, viewerId) => eitherHidden(blockedSql(column, viewerId), suspendedHiddenSql(column, viewerId)),
      (column, viewerId) => eitherHidden(blockedViewerSql(column, viewerId), suspendedHiddenSql(column, viewerId)),
    ),
    mediaRepository,
    rateLimits,
    deps.config.loginSlowdownStepMs,
    deps.pubsub,
    accountEmail,
  );
  const friends = new FriendsService(new FriendsRepository(), notifications, accounts, deps.pubsub, rateLimits);
  const tags = new TagsService(new TagsRepository());
  // Direct messages: friends and mutual followers, never across a block; images are the author's uploads; 1:1 calls
  // that end are logged in the pair's conversation (facechat's CallLog).
  const messages = new MessagesService({
    repo: new MessagesRepository(),
    readMarks: new ReadMarksRepository(),
    friends,
    users: accounts,
    media: mediaRepository,
    events: deps.pubsub,
    rateLimits,
    newEm: () => createScope(deps.orm).em,
  });
  const facechat = createFacechat(deps, { accounts, notifications, friends, tags, rateLimits, jobs, callLog: messages });
  // Screenshots are media whose rules (who may take one, who hears of it) are facechat's.
  const media = new MediaService({
    config: deps.config,
    storage: createMediaStorage(deps.config),
    // Images are decoded in a few worker threads, never in more of libuv's shared threads (argon2, files).
    images: new ImagePool({
      workers: deps.config.media.workers,
      queue: deps.config.media.queue,
      timeoutMs: deps.config.media.imageTimeoutMs,
    }),
    repository: mediaRepository,
    screenshots: facechat,
    rateLimits,
  });
  const postsRepository = new PostsRepository();
  const postAccess = new PostAccess(postsRepository, friends);
  const photoTags = new PhotoTagsService(new PhotoTagsRepository(), postsRepository, postAccess, accounts, friends, notifications);
  // Every staff action writes one line here, in the transaction of the action.
  const moderationLog = new ModerationLogService(new ModerationLogRepository());
  const posts = new PostsService(postsRepository, postAccess, photoTags, media, tags, notifications, friends, deps.pubsub);
  const comments = new CommentsService(new CommentsRepository(), postAccess, notifications, friends, rateLimits);
  // Reports: a subject is reportable when its own feature would show it to the reporter.
  const reports = new ReportsService(
    new ReportsRepository(),
    reportSubjects({
      users: (actor, em, ids) => accounts.visibleUsersByIds(actor, em, ids),
      posts: (actor, em, ids) => posts.byIds(actor, em, ids),
      comments: (actor, em, ids) => comments.byIds(actor, em, ids),
      rooms: (actor, em, ids) => facechat.visibleRoomsByIds(actor, em, ids),
      chatMessages: (actor, em, ids) => facechat.chatMessagesByIds(actor, em, ids),
    }),
    notifications,
    moderationLog,
    rateLimits,
    deps.pubsub,
  );
  const accountsStaff = new AccountsStaffService(new AccountsStaffRepository(), deps.pubsub);
  // Suspensions take the user out of every room (facechat); the dashboard adds up each feature's counts.
  const accountModeration = new AccountModerationService(
    accountsStaff,
    moderationLog,
    facechat,
    [(em) => posts.statsToday(em), (em) => facechat.statsNow(em), (em) => reports.statsNow(em)],
    deps.pubsub,
  );
  return {
    rateLimits,
    jobs,
    accounts,
    accountEmail,
    notifications,
    friends,
    tags,
    media,
    posts,
    likes: new LikesService(new LikesRepository(), postAccess, notifications, friends, deps.pubsub),
    comments,
    photoTags,
    facechat,
    messages,
    moderationLog,
    reports,
    // Staff removal and endRoom write through the owning features, logged in the same transaction.
    removal: new RemovalService({ posts, comments, facechat }, moderationLog, deps.pubsub),
    accountModeration,
    // The admin console's lists and chart: each feature lists and counts its own rows.
    adminLists: new AdminListsService({ posts, comments, facechat, tags }, [
      (em, days) => accountsStaff.daily(em, days),
      (em, days) => posts.daily(em, days),
      async (em, days) => (await facechat.dailyCalls(em, days)).map((row) => ({ day: row.day, calls: row.n })),
      (em, days) => reports.daily(em, days),
    ]),
  };
}

/** Facechat: its repositories, the LiveKit gateway, the internal rooms/calls/chat parts and the one public facade. */
function createFacechat(
  deps: ServiceDeps,
  others: {
    accounts: AccountsService;
    notifications: NotificationsService;
    friends: FriendsService;
    tags: TagsService;
    rateLimits: RateLimits;
    jobs: Jobs;
    callLog: CallLog;
  },
): FacechatService {
  const newEm = () => createScope(deps.orm).em;
  const roomsRepo = new RoomsRepository();
  const callsRepo = new CallsRepository();
  const chatRepo = new ChatRepository();
  const livekit = new LivekitGateway(deps.config.livekit, deps.log.child({ component: 'livekit' }));
  const invites = new RoomInvites({ repo: roomsRepo, secret: deps.config.jwtSecret, publicUrl: deps.config.publicUrl });
  const rooms = new RoomsService({
    repo: roomsRepo,
    invites,
    calls: callsRepo,
    livekit,
    events: deps.pubsub,
    friends: others.friends,
    tags: others.tags,
    accounts: others.accounts,
    newEm,
  });
  const presence = new RoomsPresence({ repo: roomsRepo, livekit, events: deps.pubsub, newEm });
  const calls = new CallsService({
    repo: callsRepo,
    roomsRepo,
    rooms,
    events: deps.pubsub,
    notifications: others.notifications,
    friends: others.friends,
    accounts: others.accounts,
    ringTimeoutMs: deps.config.callRingTimeoutMs,
    rejoinGraceMs: deps.config.callRejoinGraceMs,
    jobs: others.jobs,
    log: deps.log,
    newEm,
    callLog: others.callLog,
  });
  const chat = new ChatService({
    repo: chatRepo,
    roomsRepo,
    callsRepo,
    events: deps.pubsub,
    notifications: others.notifications,
    rateLimits: others.rateLimits,
  });
  return new FacechatService({
    rooms,
    presence,
    invites,
    calls,
    chat,
    roomsRepo,
    callsRepo,
    staffRepo: new FacechatStaffRepository(),
    log: deps.log,
  });
}

export type Services = ReturnType<typeof createServices>;

/**
 * The staff tools the `npm run admin` command line needs (roles and the moderation log), without the rest of the
 * app: no bus (a role change pushes nothing), no LiveKit (it suspends nobody), no dashboard counts.
 */
export function createAdminTools() {
  const noEvents: EventBus = { publish: () => undefined };
  const noRooms = { userSuspended: async () => undefined };
  const accountsStaff = new AccountsStaffService(new AccountsStaffRepository(), noEvents);
  return {
    accountsStaff,
    accountModeration: new AccountModerationService(
      accountsStaff,
      new ModerationLogService(new ModerationLogRepository()),
      noRooms,
      [],
      noEvents,
    ),
  };
}

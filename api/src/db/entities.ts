// Every entity class, one line per feature: MikroORM discovers exactly these.
import { accountEntities } from '../features/accounts/accounts.entity.js';
import { friendEntities } from '../features/friends/friends.entity.js';
import { notificationEntities } from '../features/notifications/notifications.entity.js';
import { tagEntities } from '../features/tags/tags.entity.js';
import { mediaEntities } from '../features/media/media.entity.js';
import { postEntities } from '../features/posts/posts.entity.js';
import { roomEntities } from '../features/facechat/rooms.entity.js';
import { callEntities } from '../features/facechat/calls.entity.js';
import { chatEntities } from '../features/facechat/chat.entity.js';
import { moderationEntities } from '../features/moderation/moderation.entity.js';
import { reportEntities } from '../features/moderation/reports.entity.js';
import { rateLimitEntities } from './rate-limit.entity.js';
import { messageEntities } from '../features/messages/messages.entity.js';

export const entities = [
  ...accountEntities,
  ...notificationEntities,
  ...friendEntities,
  ...tagEntities,
  ...mediaEntities,
  ...postEntities,
  ...roomEntities,
  ...callEntities,
  ...chatEntities,
  ...moderationEntities,
  ...reportEntities,
  ...rateLimitEntities,
  ...messageEntities,
];

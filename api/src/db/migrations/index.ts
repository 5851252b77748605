// Committed migrations, applied in this order at start. `npm run migration:create` appends new ones
// (an explicit list rather than a glob: tsx and vitest both load it as plain imports).
import { Migration20261126000000Accounts } from './Migration20261126000000Accounts.js';
import { Migration20261126000100Notifications } from './Migration20261126000100Notifications.js';
import { Migration20261126002100Tags } from './Migration20261126002100Tags.js';
import { Migration20261126001000Friends } from './Migration20261126001000Friends.js';
import { Migration20261126002000Media } from './Migration20261126002000Media.js';
import { Migration20261126002200Posts } from './Migration20261126002200Posts.js';
import { Migration20261126003000Rooms } from './Migration20261126003000Rooms.js';
import { Migration20261202011112AddUserRole } from './Migration20261202011112AddUserRole.js';
import { Migration20261202014452RateLimits } from './Migration20261202014452RateLimits.js';
import { Migration20261202015013WebhookEvents } from './Migration20261202015013WebhookEvents.js';
import { Migration20261202043227ModerationLog } from './Migration20261202043227ModerationLog.js';
import { Migration20261202043548ReportsAndRemoval } from './Migration20261202043548ReportsAndRemoval.js';
import { Migration20261202044159UserSuspension } from './Migration20261202044159UserSuspension.js';
import { Migration20261202070947ScreenshotPeople } from './Migration20261202070947ScreenshotPeople.js';
import { Migration20261202101604GroupCalls } from './Migration20261202101604GroupCalls.js';
import { Migration20261202104838EmailVerificationAndResetTokens } from './Migration20261202104838EmailVerificationAndResetTokens.js';
import { Migration20261202135047DirectMessages } from './Migration20261202135047DirectMessages.js';

export const migrations = [
  Migration20261126000000Accounts,
  Migration20261126000100Notifications,
  Migration20261126002100Tags,
  Migration20261126001000Friends,
  Migration20261126002000Media,
  Migration20261126002200Posts,
  Migration20261126003000Rooms,
  Migration20261202011112AddUserRole,
  Migration20261202014452RateLimits,
  Migration20261202015013WebhookEvents,
  Migration20261202043227ModerationLog,
  Migration20261202043548ReportsAndRemoval,
  Migration20261202044159UserSuspension,
  Migration20261202070947ScreenshotPeople,
  Migration20261202101604GroupCalls,
  Migration20261202104838EmailVerificationAndResetTokens,
  Migration20261202135047DirectMessages,
];

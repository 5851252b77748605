// Every resolver class, one line per feature.
import { NodeResolver } from '../graphql/node.js';
import { AccountsResolver } from './accounts/accounts.resolver.js';
import { FriendsResolver, FriendsUserFieldsResolver } from './friends/friends.resolver.js';
import { NotificationsResolver } from './notifications/notifications.resolver.js';
import { TagsResolver } from './tags/tags.resolver.js';
import { mediaResolvers } from './media/media.resolver.js';
import { postResolvers } from './posts/resolvers.js';
import { ModerationLogResolver } from './moderation/moderation.resolver.js';
import { AccountModerationResolver } from './moderation/account-moderation.resolver.js';
import { reportResolvers } from './moderation/reports.resolver.js';
import { RemovalResolver } from './moderation/removal.resolver.js';
import { AdminListsResolver } from './moderation/admin-lists.resolver.js';
import { adminFieldResolvers } from './moderation/admin-fields.resolver.js';
import { ReportGroupsResolver } from './moderation/report-groups.resolver.js';
import { facechatResolvers } from './facechat/facechat.resolvers.js';
import { messagesResolvers } from './messages/messages.resolvers.js';

export const resolvers = [
  NodeResolver,
  AccountsResolver,
  NotificationsResolver,
  FriendsResolver,
  FriendsUserFieldsResolver,
  TagsResolver,
  ...mediaResolvers,
  ...postResolvers,
  ...facechatResolvers,
  ModerationLogResolver,
  AccountModerationResolver,
  ...reportResolvers,
  RemovalResolver,
  AdminListsResolver,
  ReportGroupsResolver,
  ...adminFieldResolvers,
  ...messagesResolvers,
];

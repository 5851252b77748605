// Every resolver class, one line per feature.
import { NodeResolver } from '../graphql/node.js';
import { AccountsResolver } from './accounts/accounts.resolver.js';
import { FriendsResolver, FriendsUserFieldsResolver } from './friends/friends.resolver.js';
import { NotificationsResolver } from './notifications/notifications.resolver.js';
import { TagsResolver } from './tags/tags.resolver.js';
import { mediaResolvers } from './media/media.resolver.js';
import { postResolvers } from './posts/resolvers.js';
import { roomResolvers } from './facechat/rooms.resolver.js';
import { callResolvers } from './facechat/calls.resolver.js';
import { ChatResolver } from './facechat/chat.resolver.js';

export const resolvers = [NodeResolver, AccountsResolver, NotificationsResolver, FriendsResolver, FriendsUserFieldsResolver, TagsResolver, ...mediaResolvers, ...postResolvers, ...roomResolvers, ...callResolvers, ChatResolver];

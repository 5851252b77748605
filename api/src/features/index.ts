// Every resolver class, one line per feature.
import { NodeResolver } from '../graphql/node.js';
import { AccountsResolver } from './accounts/accounts.resolver.js';
import { NotificationsResolver } from './notifications/notifications.resolver.js';

export const resolvers = [NodeResolver, AccountsResolver, NotificationsResolver];

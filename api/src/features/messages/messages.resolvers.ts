import { ConversationsResolver } from './conversations.resolver.js';
import { DirectMessagesResolver } from './direct-messages.resolver.js';

export const messagesResolvers = [ConversationsResolver, DirectMessagesResolver] as const;

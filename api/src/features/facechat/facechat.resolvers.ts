// Every resolver class of facechat (rooms, calls, chat), for features/index.ts.
import { callResolvers } from './calls.resolver.js';
import { ChatResolver } from './chat.resolver.js';
import { roomResolvers } from './rooms.resolver.js';

export const facechatResolvers = [...roomResolvers, ...callResolvers, ChatResolver];

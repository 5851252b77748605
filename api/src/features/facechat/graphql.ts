// Public surface of facechat for other features' GraphQL adapters.
export { ChatMessageObject } from './chat.types.js';
export { FacechatRoomConnection, FacechatRoomObject } from './rooms.types.js';

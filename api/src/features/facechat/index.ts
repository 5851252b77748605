// The facechat feature's public surface (rooms, calls, in-room chat): other features import only this file.
export { Room } from './rooms.entity.js';
export { FacechatRoomObject } from './rooms.types.js';
export type { FacechatService } from './facechat.service.js';
export { roomById, visibleRoomById } from './facechat.loaders.js';

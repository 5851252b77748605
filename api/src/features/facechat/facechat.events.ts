/** Live topics of facechat: services publish on them after commit, the GraphQL subscriptions listen. */

/** `roomUpdated` events; `deleted` ends the subscription. */
export const roomTopic = (roomId: string) => `room:${roomId}`;
export interface RoomEvent {
  roomId: string;
  deleted?: boolean;
}

/** `incomingCall` of a user, and `callUpdated` of every call a user takes part in. Payload: `{ callId }`. */
export const incomingCallTopic = (userId: string) => `incomingCall:${userId}`;
export const callTopic = (userId: string) => `calls:${userId}`;
export interface CallEvent {
  callId: string;
}

/** `chatMessageAdded` of a room. */
export const chatTopic = (roomId: string) => `chat:${roomId}`;
export interface ChatEvent {
  messageId: string;
  authorId: string;
}

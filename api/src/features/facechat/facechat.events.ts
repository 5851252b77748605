/** Live topics of facechat: services publish on them after commit, the GraphQL subscriptions listen. */
import type { EventBus } from '../../kernel/events.js';
import type { RoomVisibilityValue } from './rooms.entity.js';

/** `roomUpdated` events; `deleted` ends the subscription. */
export const roomTopic = (roomId: string) => `room:${roomId}`;
export interface RoomEvent {
  roomId: string;
  deleted?: boolean;
}

/**
 * `lobbyUpdated`: any change of any room (made, people in it, settings, closed, deleted); each subscriber checks
 * whether the room is in its lobby. A deleted room can no longer be checked, so its event says who could see it.
 */
export const LOBBY_TOPIC = 'lobby';
export interface LobbyEvent {
  roomId: string;
  deleted?: { ownerId: string; visibility: RoomVisibilityValue };
}

/** A room changed: its own subscribers (`roomUpdated`) and every lobby hear of it. */
export function publishRoomChange(events: EventBus, roomId: string, deleted?: LobbyEvent['deleted']): void {
  events.publish(roomTopic(roomId), { roomId, deleted: !!deleted } satisfies RoomEvent);
  events.publish(LOBBY_TOPIC, (deleted ? { roomId, deleted } : { roomId }) satisfies LobbyEvent);
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

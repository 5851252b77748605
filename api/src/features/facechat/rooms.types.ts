import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Node } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';

export enum RoomVisibility {
  PUBLIC = 'PUBLIC',
  FRIENDS = 'FRIENDS',
  PRIVATE = 'PRIVATE',
}
registerEnumType(RoomVisibility, {
  name: 'RoomVisibility',
  description: 'Who may see and join a room.',
  valuesConfig: {
    PUBLIC: { description: 'Anyone signed in may join.' },
    FRIENDS: { description: "The owner's friends may join." },
    PRIVATE: { description: 'Only the people invited by a call may join.' },
  },
});

/** `owner`, `tags`, `participants`, counts and `viewer*` fields are field resolvers. */
@ObjectType('FacechatRoom', { implements: Node, description: 'A video room: people join it, talk over LiveKit and chat.' })
export class FacechatRoomObject extends Node {
  @Field(() => String, { description: "The room's name, shown in the lobby." }) title!: string;
  @Field(() => Int, { description: 'How many people may be in the room at once.' }) capacity!: number;
  @Field(() => RoomVisibility, { description: 'Who may see and join it.' }) visibility!: RoomVisibility;
  @Field(() => DateTime, { description: 'When it was made.' }) createdAt!: Date;
}

@ObjectType('LobbyEvent', { description: 'A change of a room in the lobby (made, people in it, settings), or the room leaving it.' })
export class LobbyEventObject {
  @Field(() => ID, { description: "The room's id, also when it left the lobby." }) roomId!: string;
  /** Raw id, for the `room` field resolver. */
  rawRoomId!: string;
  @Field(() => Boolean, { description: 'The room is in the lobby now; false: it left (closed, deleted, or empty).' }) inLobby!: boolean;
}

export const { Connection: FacechatRoomConnection } = connectionTypes('FacechatRoom', FacechatRoomObject);

@ObjectType('RoomAccess', { description: "What a client needs to connect to the room's media session on the LiveKit server." })
export class RoomAccessObject {
  @Field(() => String, { description: 'LiveKit access token (JWT) scoped to this room and this user.' }) token!: string;
  @Field(() => String, { description: 'LiveKit server URL, ws:// or wss://.' }) url!: string;
  @Field(() => String, { description: 'The LiveKit room name.' }) roomName!: string;
  @Field(() => DateTime, { description: 'Connect before this time; the token is not needed once connected.' }) expiresAt!: Date;
}

@InputType('CreateRoomInput', { description: "A new room's settings." })
export class CreateRoomInput {
  @Field(() => String, { description: '1–60 characters.' }) title!: string;
  @Field(() => [String], { nullable: true, description: 'Tag names (without #), at most 30.' }) tags?: string[] | null;
  @Field(() => Int, { nullable: true, description: '2–16 people; 8 when omitted.' }) capacity?: number | null;
  @Field(() => RoomVisibility, { nullable: true, description: 'PUBLIC when omitted.' }) visibility?: RoomVisibility | null;
}

@InputType('UpdateRoomInput', { description: 'Room settings to change; omitted fields stay as they are.' })
export class UpdateRoomInput {
  @Field(() => String, { nullable: true, description: "The room's new name." }) title?: string | null;
  @Field(() => [String], { nullable: true, description: "The room's tags, replacing the old ones (names without #)." }) tags?:
    string[] | null;
  @Field(() => Int, { nullable: true, description: 'How many people may be in the room at once.' }) capacity?: number | null;
  @Field(() => RoomVisibility, { nullable: true, description: 'Who may see and join it.' }) visibility?: RoomVisibility | null;
}

@ObjectType('RoomPayload', { description: 'The answer of a room mutation: the room, or why not.' })
export class RoomPayload {
  @Field(() => FacechatRoomObject, { nullable: true, description: 'The room; null when refused (or after deleting).' }) room?:
    object | null;
  @Field(() => [UserError], { description: 'Why nothing was done; empty on success.' }) userErrors!: UserError[];
}

@ObjectType('RoomAccessPayload', { description: 'The answer of joinRoom: LiveKit access to the room, or why not.' })
export class RoomAccessPayload {
  @Field(() => FacechatRoomObject, { nullable: true, description: 'The room joined.' }) room?: object | null;
  @Field(() => RoomAccessObject, {
    nullable: true,
    description: "Pass `url` and `token` to livekit-client's `Room.connect`; null when refused.",
  })
  access?: RoomAccessObject | null;
  @Field(() => [UserError], { description: 'Why the viewer may not join (NOT_FOUND, FORBIDDEN, FULL, UNAVAILABLE); empty on success.' })
  userErrors!: UserError[];
}

@InputType('CreateRoomInviteInput', { description: 'The room an invite link lets people into.' })
export class CreateRoomInviteInput {
  @Field(() => ID, { description: 'The room (a FacechatRoom id); the viewer must be its owner.' }) roomId!: string;
}

@ObjectType('RoomInvitePayload', { description: "The answer of createRoomInvite: the invite link's code, or why not." })
export class RoomInvitePayload {
  @Field(() => String, { nullable: true, description: "A link to /call/<roomId>?invite=<code>, absolute (the app's public URL)." })
  url?: string | null;
  @Field(() => String, { nullable: true, description: 'The code to pass to joinRoom(invite:).' }) code?: string | null;
  @Field(() => DateTime, { nullable: true, description: 'The link works until then (7 days).' }) expiresAt?: Date | null;
  @Field(() => [UserError], { description: 'Why no invite was made; empty on success.' }) userErrors!: UserError[];
}

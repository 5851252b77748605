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
  valuesConfig: {
    PUBLIC: { description: 'Anyone signed in may join.' },
    FRIENDS: { description: "The owner's friends may join." },
    PRIVATE: { description: 'Only the people invited by a call may join.' },
  },
});

/** `owner`, `tags`, `participants`, counts and `viewer*` fields are field resolvers. */
@ObjectType('FacechatRoom', { implements: Node })
export class FacechatRoomObject extends Node {
  @Field(() => String) title!: string;
  @Field(() => Int) capacity!: number;
  @Field(() => RoomVisibility) visibility!: RoomVisibility;
  @Field(() => DateTime) createdAt!: Date;
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
  @Field(() => String) roomName!: string;
  @Field(() => DateTime) expiresAt!: Date;
}

@InputType('CreateRoomInput')
export class CreateRoomInput {
  @Field(() => String, { description: '1–60 characters.' }) title!: string;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => Int, { nullable: true, description: '2–16 people; 8 when omitted.' }) capacity?: number | null;
  @Field(() => RoomVisibility, { nullable: true, description: 'PUBLIC when omitted.' }) visibility?: RoomVisibility | null;
}

@InputType('UpdateRoomInput')
export class UpdateRoomInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => Int, { nullable: true }) capacity?: number | null;
  @Field(() => RoomVisibility, { nullable: true }) visibility?: RoomVisibility | null;
}

@ObjectType('RoomPayload')
export class RoomPayload {
  @Field(() => FacechatRoomObject, { nullable: true }) room?: object | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType('RoomAccessPayload')
export class RoomAccessPayload {
  @Field(() => FacechatRoomObject, { nullable: true }) room?: object | null;
  @Field(() => RoomAccessObject, { nullable: true }) access?: RoomAccessObject | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType('CreateRoomInviteInput')
export class CreateRoomInviteInput {
  @Field(() => ID) roomId!: string;
}

@ObjectType('RoomInvitePayload')
export class RoomInvitePayload {
  @Field(() => String, { nullable: true, description: "A link to /call/<roomId>?invite=<code>, absolute (the app's public URL)." })
  url?: string | null;
  @Field(() => String, { nullable: true, description: 'The code to pass to joinRoom(invite:).' }) code?: string | null;
  @Field(() => DateTime, { nullable: true, description: 'The link works until then (7 days).' }) expiresAt?: Date | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

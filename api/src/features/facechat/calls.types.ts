import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Node } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';
import { RoomAccessObject } from './rooms.types.js';

export enum CallStatus {
  RINGING = 'RINGING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  MISSED = 'MISSED',
  CANCELED = 'CANCELED',
  ENDED = 'ENDED',
}
registerEnumType(CallStatus, {
  name: 'CallStatus',
  description: 'Where a call is: ringing, on, or how it ended.',
  valuesConfig: {
    RINGING: { description: 'Ringing the callees; nobody answered yet.' },
    ACCEPTED: { description: 'At least one callee accepted: the call is on.' },
    DECLINED: { description: 'Every callee declined.' },
    MISSED: { description: 'Nobody answered in time.' },
    CANCELED: { description: 'The caller hung up while it was ringing.' },
    ENDED: { description: 'Hung up after it was accepted, or everybody left the room.' },
  },
});

export enum CallCalleeStatus {
  RINGING = 'RINGING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  MISSED = 'MISSED',
}
registerEnumType(CallCalleeStatus, {
  name: 'CallCalleeStatus',
  description: "One callee's answer to a call.",
  valuesConfig: {
    RINGING: { description: 'Their phone rings: no answer yet (in a finished call: it stopped ringing unanswered).' },
    ACCEPTED: { description: 'They accepted (see `inCall` for whether they are still in the call).' },
    DECLINED: { description: 'They declined (or left the call before answering).' },
    MISSED: { description: 'They did not answer within the ring timeout.' },
  },
});

/** `user` and `invitedBy` are field resolvers. */
@ObjectType('CallCallee', { description: 'One person a call rings, and their answer.' })
export class CallCalleeObject {
  @Field(() => DateTime, {
    nullable: true,
    description: 'When they answered (accepted, declined) or stopped ringing (missed); null while ringing.',
  })
  respondedAt!: Date | null;
  @Field(() => Boolean, { description: 'They accepted and are in the call now (room member not left, or connected).' })
  inCall!: boolean;
}

@InputType('InviteToCallInput', { description: 'Who to add to a call that is on.' })
export class InviteToCallInput {
  @Field(() => ID, { description: 'The call to add them to (a Call id).' }) callId!: string;
  @Field(() => [ID], { description: 'Friends of the viewer to ring (User ids).' }) userIds!: string[];
}

/** `caller`, `callees`, `calleeStatuses`, `viewerCanInvite` and `room` are field resolvers. */
@ObjectType('Call', { implements: Node, description: "A call: a caller ringing friends, then talking in the call's room." })
export class CallObject extends Node {
  @Field(() => CallStatus, { description: 'Where the call is now.' }) status!: CallStatus;
  @Field(() => DateTime, { description: 'When the caller started it.' }) createdAt!: Date;
  @Field(() => DateTime, { nullable: true, description: 'When the first callee accepted; null while ringing or when nobody did.' })
  answeredAt!: Date | null;
  @Field(() => DateTime, {
    nullable: true,
    description: 'When it ended (declined, missed, canceled or hung up); null while ringing or on.',
  })
  endedAt!: Date | null;
}

export const { Connection: CallConnection } = connectionTypes('Call', CallObject);

@ObjectType('CallPayload', { description: 'The answer of a call mutation: the call, room access where one connects, or why not.' })
export class CallPayload {
  @Field(() => CallObject, { nullable: true, description: 'The call; null when the mutation was refused.' }) call?: object | null;
  @Field(() => RoomAccessObject, { nullable: true, description: 'Set for the caller on startCall and for a callee on acceptCall.' })
  access?: RoomAccessObject | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "acceptCall: the callee's early connection (prepareCallAnswer) was found and now sends and receives, so `access` is " +
      'not needed; false: connect with `access`. Null on the other mutations.',
  })
  earlyConnectionPromoted?: boolean | null;
  @Field(() => [UserError], { description: 'Why nothing was done; empty on success.' }) userErrors!: UserError[];
}

@InputType('PrepareCallAnswerInput', { description: 'A ringing call a callee gets ready to answer.' })
export class PrepareCallAnswerInput {
  @Field(() => ID, { description: 'The ringing call (a Call id).' }) callId!: string;
}

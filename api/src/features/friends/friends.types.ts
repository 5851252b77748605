import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Node } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';

export enum FriendshipStatus {
  SELF = 'SELF',
  NONE = 'NONE',
  REQUEST_SENT = 'REQUEST_SENT',
  REQUEST_RECEIVED = 'REQUEST_RECEIVED',
  FRIENDS = 'FRIENDS',
}
registerEnumType(FriendshipStatus, {
  name: 'FriendshipStatus',
  description: 'How the viewer and a user stand as friends.',
  valuesConfig: {
    SELF: { description: 'The user is the viewer.' },
    NONE: { description: 'Not friends and no pending request (also when signed out).' },
    REQUEST_SENT: { description: 'The viewer sent a friend request that is still pending.' },
    REQUEST_RECEIVED: { description: 'The user sent the viewer a friend request that is still pending.' },
    FRIENDS: { description: 'The two are friends.' },
  },
});

export enum FriendRequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  CANCELED = 'CANCELED',
}
registerEnumType(FriendRequestStatus, {
  name: 'FriendRequestStatus',
  description: 'Where a friend request stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting for the addressee to answer.' },
    ACCEPTED: { description: 'Accepted: the two are friends.' },
    DECLINED: { description: 'Declined by the addressee.' },
    CANCELED: { description: 'Withdrawn by the sender, or ended by a block.' },
  },
});

export enum FriendRequestDirection {
  INCOMING = 'INCOMING',
  OUTGOING = 'OUTGOING',
}
registerEnumType(FriendRequestDirection, {
  name: 'FriendRequestDirection',
  description: 'Which side of a friend request the viewer is on.',
  valuesConfig: {
    INCOMING: { description: 'Requests sent to the viewer.' },
    OUTGOING: { description: 'Requests the viewer sent.' },
  },
});

/** `from` and `to` are resolved in the resolver with the user loader. */
@ObjectType('FriendRequest', { implements: Node, description: 'A request from one user to another to become friends.' })
export class FriendRequestObject extends Node {
  @Field(() => FriendRequestStatus, { description: 'Where the request stands.' }) status!: FriendRequestStatus;
  @Field(() => DateTime, { description: 'When it was sent.' }) createdAt!: Date;
  @Field(() => DateTime, { nullable: true, description: 'When it was accepted, declined or withdrawn; null while pending.' })
  respondedAt!: Date | null;
}

export const { Connection: FriendRequestConnection } = connectionTypes('FriendRequest', FriendRequestObject);

@ObjectType('FriendRequestPayload', { description: 'The result of a friend-request mutation.' })
export class FriendRequestPayload {
  @Field(() => FriendRequestObject, { nullable: true, description: 'The request as stored after the change; null on error.' })
  friendRequest?: object | null;
  @Field(() => [UserError], { description: 'Why the mutation was refused; empty on success.' }) userErrors!: UserError[];
}

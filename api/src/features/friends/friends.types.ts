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
registerEnumType(FriendshipStatus, { name: 'FriendshipStatus' });

export enum FriendRequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  CANCELED = 'CANCELED',
}
registerEnumType(FriendRequestStatus, { name: 'FriendRequestStatus' });

export enum FriendRequestDirection {
  INCOMING = 'INCOMING',
  OUTGOING = 'OUTGOING',
}
registerEnumType(FriendRequestDirection, { name: 'FriendRequestDirection' });

/** `from` and `to` are resolved in the resolver with the user loader. */
@ObjectType('FriendRequest', { implements: Node })
export class FriendRequestObject extends Node {
  @Field(() => FriendRequestStatus) status!: FriendRequestStatus;
  @Field(() => DateTime) createdAt!: Date;
  @Field(() => DateTime, { nullable: true }) respondedAt!: Date | null;
}

export const { Connection: FriendRequestConnection } = connectionTypes('FriendRequest', FriendRequestObject);

@ObjectType('FriendRequestPayload')
export class FriendRequestPayload {
  @Field(() => FriendRequestObject, { nullable: true }) friendRequest?: object | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

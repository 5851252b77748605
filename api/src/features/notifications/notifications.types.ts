import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/node.js';
import { PageInfo } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';

export enum NotificationType {
  LIKE = 'LIKE',
  COMMENT = 'COMMENT',
  REPLY = 'REPLY',
  FRIEND_REQUEST = 'FRIEND_REQUEST',
  FRIEND_ACCEPTED = 'FRIEND_ACCEPTED',
  FOLLOW = 'FOLLOW',
  PHOTO_TAG = 'PHOTO_TAG',
  MISSED_CALL = 'MISSED_CALL',
  SCREENSHOT = 'SCREENSHOT',
  REPORT_RESOLVED = 'REPORT_RESOLVED',
  FOLLOW_REQUEST = 'FOLLOW_REQUEST',
  FOLLOW_REQUEST_APPROVED = 'FOLLOW_REQUEST_APPROVED',
}
registerEnumType(NotificationType, {
  name: 'NotificationType',
  valuesConfig: {
    FOLLOW_REQUEST: { description: "`actor` asked to follow the viewer's private account (approve or decline it)." },
    FOLLOW_REQUEST_APPROVED: { description: "`actor` approved the viewer's request to follow their private account." },
  },
});

/** `actor` is resolved here; `post`, `comment`, `call` by the features that own them. */
@ObjectType('Notification', { implements: Node })
export class NotificationObject extends Node {
  @Field(() => NotificationType) type!: NotificationType;
  @Field(() => DateTime) createdAt!: Date;
}

@ObjectType('NotificationEdge')
export class NotificationEdge {
  @Field(() => String) cursor!: string;
  @Field(() => NotificationObject) node!: object;
}

@ObjectType('NotificationConnection')
export class NotificationConnection {
  @Field(() => [NotificationEdge]) edges!: NotificationEdge[];
  @Field(() => [NotificationObject]) nodes!: object[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
  @Field(() => Int) unreadCount!: number;
}

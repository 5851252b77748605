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
  MENTION = 'MENTION',
}
registerEnumType(NotificationType, {
  name: 'NotificationType',
  description: 'What a notification is about; `actor`, `post`, `comment` and `call` say who and what.',
  valuesConfig: {
    LIKE: { description: "Someone liked the viewer's post (`post`)." },
    COMMENT: { description: "Someone commented on the viewer's post (`post`, `comment`)." },
    REPLY: { description: "Someone replied to the viewer's comment (`post`, `comment`)." },
    FRIEND_REQUEST: { description: "Someone asked to be the viewer's friend." },
    FRIEND_ACCEPTED: { description: "Someone accepted the viewer's friend request." },
    FOLLOW: { description: 'Someone started following the viewer.' },
    PHOTO_TAG: { description: 'Someone tagged the viewer in a photo (`post`).' },
    MISSED_CALL: { description: 'A call to the viewer was not answered (`call`).' },
    SCREENSHOT: { description: 'Someone took a screenshot of a call the viewer was in.' },
    REPORT_RESOLVED: { description: 'Staff acted on a report the viewer filed.' },
    MENTION: { description: 'Someone @mentioned the recipient in a post (`post`) or a comment (`comment` and its `post`).' },
  },
});

/** `actor` is resolved here; `post`, `comment`, `call` by the features that own them. */
@ObjectType('Notification', {
  implements: Node,
  description: 'Something that happened to the viewer: a like, comment, friend request, missed call …',
})
export class NotificationObject extends Node {
  @Field(() => NotificationType, { description: 'What happened.' }) type!: NotificationType;
  @Field(() => DateTime, { description: 'When it happened.' }) createdAt!: Date;
}

@ObjectType('NotificationEdge', { description: 'One notification of a page, with its cursor.' })
export class NotificationEdge {
  @Field(() => String, { description: 'Opaque position of this notification; pass it as `after` to continue after it.' }) cursor!: string;
  @Field(() => NotificationObject, { description: 'The notification.' }) node!: object;
}

@ObjectType('NotificationConnection', { description: "A page of the viewer's notifications, with the unread count." })
export class NotificationConnection {
  @Field(() => [NotificationEdge], { description: 'The notifications of this page with their cursors.' }) edges!: NotificationEdge[];
  @Field(() => [NotificationObject], { description: 'The notifications of this page.' }) nodes!: object[];
  @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursor to ask for the next one.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many notifications the whole list has.' }) totalCount!: number;
  @Field(() => Int, { description: "How many of the viewer's notifications are unread (all of them, not only this page)." })
  unreadCount!: number;
}

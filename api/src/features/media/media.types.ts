import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';

export enum MediaKind {
  UPLOAD = 'UPLOAD',
  SCREENSHOT = 'SCREENSHOT',
  AVATAR = 'AVATAR',
}
registerEnumType(MediaKind, { name: 'MediaKind' });

/** `owner`, `url` and `thumbnailUrl` are field resolvers; `room` is added by the calls feature. */
@ObjectType('Media', { implements: Node })
export class MediaObject extends Node {
  @Field(() => MediaKind) kind!: MediaKind;
  @Field(() => Int) width!: number;
  @Field(() => Int) height!: number;
  @Field(() => String, { nullable: true }) blurhash!: string | null;
  @Field(() => String, { nullable: true }) altText!: string | null;
  @Field(() => DateTime) createdAt!: Date;
}

export const { Connection: MediaConnection } = connectionTypes('Media', MediaObject);

import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
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

@ObjectType('ScreenshotPerson', { description: 'Someone in a call screenshot, and where their face is in the picture.' })
export class ScreenshotPersonObject {
  /** The raw user id (the `user` field resolves it). */
  rawUserId!: string;
  @Field(() => ID, { description: "The person's User id (as `user { id }`), even when `user` cannot be shown." })
  userId!: string;
  @Field(() => Float, { description: 'The face, 0–1 from the left edge of the picture.' }) x!: number;
  @Field(() => Float, { description: 'The face, 0–1 from the top edge of the picture.' }) y!: number;
}

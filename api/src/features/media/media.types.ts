import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';

export enum MediaKind {
  UPLOAD = 'UPLOAD',
  SCREENSHOT = 'SCREENSHOT',
  AVATAR = 'AVATAR',
}
registerEnumType(MediaKind, {
  name: 'MediaKind',
  description: 'Where an image came from (the `kind` field of `POST /media`).',
  valuesConfig: {
    UPLOAD: { description: 'A picture uploaded for a post.' },
    SCREENSHOT: { description: 'A capture of a call, taken in a room the uploader was in.' },
    AVATAR: { description: 'A profile picture.' },
  },
});

/** `owner`, `url` and `thumbnailUrl` are field resolvers; `room` is added by the calls feature. */
@ObjectType('Media', {
  implements: Node,
  description:
    'An image stored with `POST /media`: an upload for a post, a call screenshot or an avatar (re-encoded to WebP, no metadata).',
})
export class MediaObject extends Node {
  @Field(() => MediaKind, { description: 'Upload, screenshot or avatar.' }) kind!: MediaKind;
  @Field(() => Int, { description: 'Width of `url` in pixels.' }) width!: number;
  @Field(() => Int, { description: 'Height of `url` in pixels.' }) height!: number;
  @Field(() => String, { nullable: true, description: 'A BlurHash of the image, to paint a placeholder while it loads.' }) blurhash!:
    string | null;
  @Field(() => String, { nullable: true, description: 'Text describing the image for screen readers; null when none was given.' })
  altText!: string | null;
  @Field(() => DateTime, { description: 'When it was uploaded.' }) createdAt!: Date;
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

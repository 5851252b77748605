import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Node } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';
import { UserObject } from '../accounts/graphql.js';

/** Relations, counts and `viewer*` fields are field resolvers (posts.resolver.ts), batched by loaders. */
@ObjectType('Post', {
  implements: Node,
  description: 'A post: text, photos or both, with tags, likes, comments and people tagged in its photos.',
})
export class PostObject extends Node {
  @Field(() => String, { description: 'The photo name (title) of the post; searchable.' }) title!: string;
  @Field(() => String, { description: 'The text of the post; `#tag` and `@username` in it are links in the app. Empty when none.' })
  body!: string;
  @Field(() => DateTime, { description: 'When the post was written.' }) createdAt!: Date;
  @Field(() => DateTime, { description: 'When the post was last changed.' }) updatedAt!: Date;
}
export const { Connection: PostConnection } = connectionTypes('Post', PostObject);

@ObjectType('Like', { implements: Node, description: "One user's like of one post." })
export class LikeObject extends Node {
  @Field(() => DateTime, { description: 'When the post was liked.' }) createdAt!: Date;
}
export const { Connection: LikeConnection } = connectionTypes('Like', LikeObject);

@ObjectType('LikeEvent', { description: "Pushed to a post's author when someone likes one of their posts." })
export class LikeEvent {
  @Field(() => LikeObject, { description: 'The new like.' }) like!: object;
  @Field(() => PostObject, { description: 'The post that was liked.' }) post!: object;
  @Field(() => Int, { description: 'The like count after the like.' }) likeCount!: number;
}

@ObjectType('PostLikesEvent', { description: "Pushed to a post's author when someone likes or unlikes one of their posts." })
export class PostLikesEvent {
  @Field(() => PostObject, { description: 'The post liked or unliked.' }) post!: object;
  @Field(() => Int, { description: 'The like count after the change.' }) likeCount!: number;
  @Field(() => Boolean, { description: 'True when a like was added, false when one was taken back.' }) liked!: boolean;
  @Field(() => UserObject, { description: 'Who liked or unliked.' }) user!: object;
  @Field(() => LikeObject, { nullable: true, description: 'The new like; null on unlike.' }) like!: object | null;
}

@ObjectType('Comment', { implements: Node, description: 'A comment on a post, or a reply to one (replies are one level deep).' })
export class CommentObject extends Node {
  @Field(() => String, { description: 'The text; `#tag` and `@username` in it are links in the app.' }) body!: string;
  @Field(() => DateTime, { description: 'When the comment was written.' }) createdAt!: Date;
  @Field(() => DateTime, { description: 'When the comment was last edited.' }) updatedAt!: Date;
}
export const { Connection: CommentConnection } = connectionTypes('Comment', CommentObject);

@ObjectType('PhotoTag', { implements: Node, description: 'A person marked at a point of one photo of a post.' })
export class PhotoTagObject extends Node {
  @Field(() => Float, { description: 'Position in the photo, 0..1 from the left and from the top.' }) x!: number;
  @Field(() => Float, { description: 'Position in the photo from the top, 0..1.' }) y!: number;
}

@InputType('PhotoTagInput', { description: 'A person to mark in one photo of a post.' })
export class PhotoTagInput {
  @Field(() => ID, { description: "The photo (one of the post's media)." }) mediaId!: string;
  @Field(() => ID, { description: 'The person tagged: the author or one of their friends.' }) userId!: string;
  @Field(() => Float, { description: 'Position from the left, 0..1.' }) x!: number;
  @Field(() => Float, { description: 'Position from the top, 0..1.' }) y!: number;
}

@InputType('PostPhotoInput', { description: 'One photo of a post with its alt text.' })
export class PostPhotoInput {
  @Field(() => ID, { description: 'A media id (upload or screenshot) owned by the viewer.' }) mediaId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'What the photo shows, for screen readers (at most 500 characters); empty or null clears it.',
  })
  altText?: string | null;
}

@InputType('CreatePostInput', { description: 'A new post: text (title or body), photos or both.' })
export class CreatePostInput {
  @Field(() => String, { nullable: true, description: 'An optional title, at most 100 characters.' }) title?: string | null;
  @Field(() => String, { nullable: true, description: 'The text, at most 2200 characters.' }) body?: string | null;
  @Field(() => [ID], {
    nullable: true,
    description: 'Media ids (uploads or screenshots) owned by the viewer, in display order. Left out when `photos` is given.',
  })
  mediaIds?: string[] | null;
  @Field(() => [PostPhotoInput], {
    nullable: true,
    description: 'The photos in display order with their alt text; replaces `mediaIds` (at most 10).',
  })
  photos?: PostPhotoInput[] | null;
  @Field(() => [String], { nullable: true, description: "Tag names without '#'; created when new." }) tags?: string[] | null;
  @Field(() => [PhotoTagInput], { nullable: true, description: 'People to tag in the photos.' }) photoTags?: PhotoTagInput[] | null;
}

@InputType('UpdatePostInput', { description: 'Changes to a post; fields left out stay as they are.' })
export class UpdatePostInput {
  @Field(() => String, { nullable: true, description: 'The new title; empty removes it.' }) title?: string | null;
  @Field(() => String, { nullable: true, description: 'The new text; empty removes it.' }) body?: string | null;
  @Field(() => [ID], { nullable: true, description: 'The new photos in display order.' }) mediaIds?: string[] | null;
  @Field(() => [PostPhotoInput], {
    nullable: true,
    description: 'The new photos in display order with their alt text; replaces `mediaIds`.',
  })
  photos?: PostPhotoInput[] | null;
  @Field(() => [String], { nullable: true, description: "The new tag names without '#'." }) tags?: string[] | null;
}

@InputType('AddCommentInput', { description: 'A new comment or reply.' })
export class AddCommentInput {
  @Field(() => ID, { description: 'The post commented on.' }) postId!: string;
  @Field(() => String, { description: 'The text, 1–1000 characters.' }) body!: string;
  @Field(() => ID, { nullable: true, description: 'The comment replied to; null for a top-level comment.' }) parentId?: string | null;
}

@ObjectType('PostPayload', { description: 'The result of a post mutation.' })
export class PostPayload {
  @Field(() => PostObject, { nullable: true, description: 'The post after the change; null on errors.' }) post?: object | null;
  @Field(() => [UserError], { description: 'What the user can fix; empty on success.' }) userErrors!: UserError[];
}

@ObjectType('CommentPayload', { description: 'The result of a comment mutation.' })
export class CommentPayload {
  @Field(() => CommentObject, { nullable: true, description: 'The comment after the change; null on errors.' }) comment?: object | null;
  @Field(() => [UserError], { description: 'What the user can fix; empty on success.' }) userErrors!: UserError[];
}

@ObjectType('PhotoTagPayload', { description: 'The result of tagging someone in a photo.' })
export class PhotoTagPayload {
  @Field(() => PhotoTagObject, { nullable: true, description: 'The new photo tag; null on errors.' }) photoTag?: object | null;
  @Field(() => [UserError], { description: 'What the user can fix; empty on success.' }) userErrors!: UserError[];
}

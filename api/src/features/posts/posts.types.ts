import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Node } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';
import { UserObject } from '../accounts/graphql.js';

/** Relations, counts and `viewer*` fields are field resolvers (posts.resolver.ts), batched by loaders. */
@ObjectType('Post', { implements: Node })
export class PostObject extends Node {
  @Field(() => String, { description: 'The photo name (title) of the post; searchable.' }) title!: string;
  @Field(() => String) body!: string;
  @Field(() => DateTime) createdAt!: Date;
  @Field(() => DateTime) updatedAt!: Date;
}
export const { Connection: PostConnection } = connectionTypes('Post', PostObject);

@ObjectType('Like', { implements: Node })
export class LikeObject extends Node {
  @Field(() => DateTime) createdAt!: Date;
}
export const { Connection: LikeConnection } = connectionTypes('Like', LikeObject);

@ObjectType('LikeEvent', { description: "Pushed to a post's author when someone likes one of their posts." })
export class LikeEvent {
  @Field(() => LikeObject) like!: object;
  @Field(() => PostObject) post!: object;
  @Field(() => Int) likeCount!: number;
}

@ObjectType('PostLikesEvent', { description: "Pushed to a post's author when someone likes or unlikes one of their posts." })
export class PostLikesEvent {
  @Field(() => PostObject) post!: object;
  @Field(() => Int, { description: 'The like count after the change.' }) likeCount!: number;
  @Field(() => Boolean, { description: 'True when a like was added, false when one was taken back.' }) liked!: boolean;
  @Field(() => UserObject, { description: 'Who liked or unliked.' }) user!: object;
  @Field(() => LikeObject, { nullable: true, description: 'The new like; null on unlike.' }) like!: object | null;
}

@ObjectType('Comment', { implements: Node })
export class CommentObject extends Node {
  @Field(() => String) body!: string;
  @Field(() => DateTime) createdAt!: Date;
  @Field(() => DateTime) updatedAt!: Date;
}
export const { Connection: CommentConnection } = connectionTypes('Comment', CommentObject);

@ObjectType('PhotoTag', { implements: Node })
export class PhotoTagObject extends Node {
  @Field(() => Float, { description: 'Position in the photo, 0..1 from the left and from the top.' }) x!: number;
  @Field(() => Float) y!: number;
}

@InputType('PhotoTagInput')
export class PhotoTagInput {
  @Field(() => ID) mediaId!: string;
  @Field(() => ID) userId!: string;
  @Field(() => Float) x!: number;
  @Field(() => Float) y!: number;
}

@InputType('CreatePostInput')
export class CreatePostInput {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => [ID], { description: 'Media ids (uploads or screenshots) owned by the viewer, in display order.' }) mediaIds!: string[];
  @Field(() => [String], { nullable: true, description: "Tag names without '#'; created when new." }) tags?: string[] | null;
  @Field(() => [PhotoTagInput], { nullable: true }) photoTags?: PhotoTagInput[] | null;
}

@InputType('UpdatePostInput')
export class UpdatePostInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => [ID], { nullable: true }) mediaIds?: string[] | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
}

@InputType('AddCommentInput')
export class AddCommentInput {
  @Field(() => ID) postId!: string;
  @Field(() => String) body!: string;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
}

@ObjectType('PostPayload')
export class PostPayload {
  @Field(() => PostObject, { nullable: true }) post?: object | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType('CommentPayload')
export class CommentPayload {
  @Field(() => CommentObject, { nullable: true }) comment?: object | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType('PhotoTagPayload')
export class PhotoTagPayload {
  @Field(() => PhotoTagObject, { nullable: true }) photoTag?: object | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

import type { Media } from '../media/media.entity.js';
import type { Tag } from '../tags/tags.entity.js';
import { toRecord } from './by-id.js';
import type { Comment, Like, PhotoTag, Post } from './posts.entity.js';

/** What reads hand to resolvers: the entity's fields, as plain objects (services may hand entities). */
export type PostRecord = Pick<Post, 'id' | 'authorId' | 'title' | 'body' | 'createdAt' | 'updatedAt'>;
export type MediaRecord = Omit<Media, never>;
export type TagRecord = Omit<Tag, never>;
export type CommentRecord = Omit<Comment, never>;
export type LikeRecord = Omit<Like, never>;
export type PhotoTagRecord = Omit<PhotoTag, never>;

export const toPost = toRecord<PostRecord>('Post');
export const toMedia = toRecord<MediaRecord>('Media');
export const toTag = toRecord<TagRecord>('Tag');
export const toComment = toRecord<CommentRecord>('Comment');
export const toLike = toRecord<LikeRecord>('Like');
export const toPhotoTag = toRecord<PhotoTagRecord>('PhotoTag');

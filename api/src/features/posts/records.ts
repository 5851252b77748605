import { toRecord } from '../../kernel/rows.js';
import { toMedia, type MediaRecord } from '../media/index.js';
import { toTag, type TagRecord } from '../tags/index.js';
export { primeUser, userSelect, userJson, USER_COLUMNS } from '../accounts/index.js';
export { toMedia, toTag, type MediaRecord, type TagRecord };
import type { Comment, Like, PhotoTag, Post } from './posts.entity.js';

/** What reads hand to resolvers: the entity's fields, as plain objects (services may hand entities). */
export type PostRecord = Pick<Post, 'id' | 'authorId' | 'title' | 'body' | 'createdAt' | 'updatedAt'>;
export type CommentRecord = Omit<Comment, never>;
export type LikeRecord = Omit<Like, never>;
export type PhotoTagRecord = Omit<PhotoTag, never>;

export const toPost = toRecord<PostRecord>('Post');
export const toComment = toRecord<CommentRecord>('Comment');
export const toLike = toRecord<LikeRecord>('Like');
export const toPhotoTag = toRecord<PhotoTagRecord>('PhotoTag');


import { Check, Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * Foreign keys are `mapToPk` relations: the property holds the raw id (as the SQL and services expect)
 * while the mapping still declares the constraint. Deleting a post cascades to everything hanging off it
 * (not to the media); deleting a user, to everything they wrote.
 */
const FK = { mapToPk: true, deleteRule: 'cascade', updateRule: 'no action' } as const;

/**
 * A photo post. Its media (`post_media`, ordered) and tags (`post_tags`) are link tables
 * written with SQL; `searchText` is lower(title, body, tag names) for the trigram search.
 */
@Entity({ tableName: 'posts' })
@Index({ name: 'posts_created_idx', expression: 'create index "posts_created_idx" on "posts" ("created_at" desc, "id" desc)' })
@Index({
  name: 'posts_author_created_idx',
  expression: 'create index "posts_author_created_idx" on "posts" ("author_id", "created_at" desc, "id" desc)',
})
// Substring search over title, body and tag names, Korean included (pg_trgm).
@Index({ name: 'posts_search_trgm', expression: 'create index "posts_search_trgm" on "posts" using gin ("search_text" gin_trgm_ops)' })
export class Post {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('User', { ...FK, fieldName: 'author_id' })
  authorId!: string;

  @Property({ type: 'string', length: 100 })
  title!: string;

  @Property({ type: 'string', length: 2200, default: '' })
  body: string = '';

  @Property({ type: 'text', lazy: true, default: '' })
  searchText: string = '';

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();

  /** Set by staff (moderation's removeContent): hidden from everyone but staff, not deleted. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  removedAt: Date | null = null;

  @ManyToOne('User', { mapToPk: true, fieldName: 'removed_by_id', nullable: true, deleteRule: 'set null', updateRule: 'no action' })
  removedById: string | null = null;
}

/** The ordered photos of a post (link table, written with SQL). */
@Entity({ tableName: 'post_media' })
@Unique({ properties: ['postId', 'mediaId'] })
@Index({ name: 'post_media_media_idx', properties: ['mediaId'] })
class PostMedia {
  [PrimaryKeyProp]?: ['postId', 'position'];

  @ManyToOne('Post', { ...FK, primary: true, fieldName: 'post_id' })
  postId!: string;

  @PrimaryKey({ type: 'smallint' })
  position!: number;

  @ManyToOne('Media', { ...FK, fieldName: 'media_id' })
  mediaId!: string;
}

/** The ordered tags of a post (link table, written with SQL). */
@Entity({ tableName: 'post_tags' })
@Index({ name: 'post_tags_tag_idx', properties: ['tagId', 'postId'] })
class PostTag {
  [PrimaryKeyProp]?: ['postId', 'tagId'];

  @ManyToOne('Post', { ...FK, primary: true, fieldName: 'post_id' })
  postId!: string;

  @ManyToOne('Tag', { ...FK, primary: true, fieldName: 'tag_id' })
  tagId!: string;

  @Property({ type: 'smallint' })
  position!: number;
}

/** One user's like of one post (unique per pair). */
@Entity({ tableName: 'likes' })
@Unique({ name: 'likes_post_user_unique', properties: ['postId', 'userId'] })
@Index({
  name: 'likes_post_created_idx',
  expression: 'create index "likes_post_created_idx" on "likes" ("post_id", "created_at" desc, "id" desc)',
})
@Index({ name: 'likes_user_idx', properties: ['userId', 'postId'] })
export class Like {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Post', { ...FK, fieldName: 'post_id' })
  postId!: string;

  @ManyToOne('User', { ...FK, fieldName: 'user_id' })
  userId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

/** A post saved by a user (written with SQL). */
@Entity({ tableName: 'favorites' })
@Unique({ name: 'favorites_user_post_unique', properties: ['userId', 'postId'] })
@Index({
  name: 'favorites_user_created_idx',
  expression: 'create index "favorites_user_created_idx" on "favorites" ("user_id", "created_at" desc, "id" desc)',
})
@Index({ name: 'favorites_post_idx', properties: ['postId'] })
class Favorite {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('User', { ...FK, fieldName: 'user_id' })
  userId!: string;

  @ManyToOne('Post', { ...FK, fieldName: 'post_id' })
  postId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

/** A comment; `parentId` is the top-level comment a reply belongs to (replies are one level deep). */
@Entity({ tableName: 'comments' })
@Index({
  name: 'comments_post_top_idx',
  expression: 'create index "comments_post_top_idx" on "comments" ("post_id", "created_at", "id") where "parent_id" is null',
})
@Index({ name: 'comments_post_idx', properties: ['postId'] })
@Index({
  name: 'comments_parent_idx',
  expression: 'create index "comments_parent_idx" on "comments" ("parent_id", "created_at", "id") where "parent_id" is not null',
})
@Index({ name: 'comments_author_idx', properties: ['authorId'] })
export class Comment {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Post', { ...FK, fieldName: 'post_id' })
  postId!: string;

  @ManyToOne('User', { ...FK, fieldName: 'author_id' })
  authorId!: string;

  @ManyToOne('Comment', { ...FK, fieldName: 'parent_id', nullable: true })
  parentId: string | null = null;

  @Property({ type: 'string', length: 1000 })
  body!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();

  /** Set by staff (moderation's removeContent): hidden from everyone but staff, not deleted. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  removedAt: Date | null = null;

  @ManyToOne('User', { mapToPk: true, fieldName: 'removed_by_id', nullable: true, deleteRule: 'set null', updateRule: 'no action' })
  removedById: string | null = null;
}

/** One user's like of one comment (unique per pair). */
@Entity({ tableName: 'comment_likes' })
@Unique({ name: 'comment_likes_comment_user_unique', properties: ['commentId', 'userId'] })
@Index({ name: 'comment_likes_user_idx', properties: ['userId'] })
class CommentLike {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Comment', { ...FK, fieldName: 'comment_id' })
  commentId!: string;

  @ManyToOne('User', { ...FK, fieldName: 'user_id' })
  userId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

/** A friend marked at (x, y) in one photo of a post. */
@Entity({ tableName: 'photo_tags' })
@Unique({ name: 'photo_tags_unique', properties: ['postId', 'mediaId', 'userId'] })
@Index({ name: 'photo_tags_user_idx', properties: ['userId'] })
// PostgreSQL stores these as `x >= (0)::double precision …`; written the same way so the comparator sees no change.
@Check({ name: 'photo_tags_x_check', expression: '"x" >= 0::double precision and "x" <= 1::double precision' })
@Check({ name: 'photo_tags_y_check', expression: '"y" >= 0::double precision and "y" <= 1::double precision' })
export class PhotoTag {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Post', { ...FK, fieldName: 'post_id' })
  postId!: string;

  @ManyToOne('Media', { ...FK, fieldName: 'media_id' })
  mediaId!: string;

  @ManyToOne('User', { ...FK, fieldName: 'user_id' })
  userId!: string;

  @Property({ type: 'double' })
  x!: number;

  @Property({ type: 'double' })
  y!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

export const postEntities = [Post, PostMedia, PostTag, Like, Favorite, Comment, PhotoTag, CommentLike];

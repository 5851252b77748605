import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A photo post. Its media (`post_media`, ordered) and tags (`post_tags`) are link tables
 * written with SQL; `searchText` is lower(title, body, tag names) for the trigram search.
 */
@Entity({ tableName: 'posts' })
export class Post {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  authorId!: string;

  @Property({ type: 'string', length: 100 })
  title!: string;

  @Property({ type: 'string', length: 2200 })
  body: string = '';

  @Property({ type: 'text', lazy: true })
  searchText: string = '';

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** One user's like of one post (unique per pair). */
@Entity({ tableName: 'likes' })
export class Like {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  postId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

/** A comment; `parentId` is the top-level comment a reply belongs to (replies are one level deep). */
@Entity({ tableName: 'comments' })
export class Comment {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  postId!: string;

  @Property({ type: 'uuid' })
  authorId!: string;

  @Property({ type: 'uuid', nullable: true })
  parentId: string | null = null;

  @Property({ type: 'string', length: 1000 })
  body!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** A friend marked at (x, y) in one photo of a post. */
@Entity({ tableName: 'photo_tags' })
export class PhotoTag {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  postId!: string;

  @Property({ type: 'uuid' })
  mediaId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'double' })
  x!: number;

  @Property({ type: 'double' })
  y!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

export const postEntities = [Post, Like, Comment, PhotoTag];

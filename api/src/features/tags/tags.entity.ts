import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A hashtag shared by posts and rooms. `name` is stored normalised (see `normaliseTags`):
 * lower-case, no '#', unique. `postCount` is kept by the posts feature in the same
 * transaction as the links it adds or removes, so "most used first" is an index scan.
 */
@Entity({ tableName: 'tags' })
export class Tag {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 50, unique: true })
  name!: string;

  @Property({ type: 'integer' })
  postCount: number = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

export const tagEntities = [Tag];

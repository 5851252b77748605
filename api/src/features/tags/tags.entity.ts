import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A hashtag shared by posts and rooms. `name` is stored normalised (see `normaliseTags`):
 * lower-case, no '#', unique. `postCount` is kept by the posts feature in the same
 * transaction as the links it adds or removes, so "most used first" is an index scan.
 */
@Entity({ tableName: 'tags' })
@Check({ name: 'tags_name_lower', expression: '"name" = lower("name")' })
// Prefix autocomplete (`like 'ab%'`) whatever the database collation, and "most used first".
@Index({ name: 'tags_name_prefix', expression: 'create index "tags_name_prefix" on "tags" ("name" text_pattern_ops)' })
@Index({ name: 'tags_post_count', expression: 'create index "tags_post_count" on "tags" ("post_count" desc, "name")' })
export class Tag {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 50, unique: 'tags_name_unique' })
  name!: string;

  @Property({ type: 'integer', default: 0 })
  postCount: number = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

export const tagEntities = [Tag];

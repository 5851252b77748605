import { Migration } from '@mikro-orm/migrations';

/** Posts and everything hanging off them; deleting a post cascades to all of it (not to the media). */
export class Migration20261126002200Posts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "posts" (
      "id" uuid primary key,
      "author_id" uuid not null references "users" ("id") on delete cascade,
      "title" varchar(100) not null,
      "body" varchar(2200) not null default '',
      "search_text" text not null default '',
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null
    );`);
    this.addSql(`create index "posts_created_idx" on "posts" ("created_at" desc, "id" desc);`);
    this.addSql(`create index "posts_author_created_idx" on "posts" ("author_id", "created_at" desc, "id" desc);`);
    // Substring search over title, body and tag names, Korean included.
    this.addSql(`create index "posts_search_trgm" on "posts" using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`create table "post_media" (
      "post_id" uuid not null references "posts" ("id") on delete cascade,
      "media_id" uuid not null references "media" ("id") on delete cascade,
      "position" smallint not null,
      primary key ("post_id", "position"),
      unique ("post_id", "media_id")
    );`);
    this.addSql(`create index "post_media_media_idx" on "post_media" ("media_id");`);

    this.addSql(`create table "post_tags" (
      "post_id" uuid not null references "posts" ("id") on delete cascade,
      "tag_id" uuid not null references "tags" ("id") on delete cascade,
      "position" smallint not null,
      primary key ("post_id", "tag_id")
    );`);
    this.addSql(`create index "post_tags_tag_idx" on "post_tags" ("tag_id", "post_id");`);

    this.addSql(`create table "likes" (
      "id" uuid primary key,
      "post_id" uuid not null references "posts" ("id") on delete cascade,
      "user_id" uuid not null references "users" ("id") on delete cascade,
      "created_at" timestamptz not null,
      constraint "likes_post_user_unique" unique ("post_id", "user_id")
    );`);
    this.addSql(`create index "likes_post_created_idx" on "likes" ("post_id", "created_at" desc, "id" desc);`);
    this.addSql(`create index "likes_user_idx" on "likes" ("user_id", "post_id");`);

    this.addSql(`create table "favorites" (
      "id" uuid primary key,
      "user_id" uuid not null references "users" ("id") on delete cascade,
      "post_id" uuid not null references "posts" ("id") on delete cascade,
      "created_at" timestamptz not null,
      constraint "favorites_user_post_unique" unique ("user_id", "post_id")
    );`);
    this.addSql(`create index "favorites_user_created_idx" on "favorites" ("user_id", "created_at" desc, "id" desc);`);
    this.addSql(`create index "favorites_post_idx" on "favorites" ("post_id");`);

    this.addSql(`create table "comments" (
      "id" uuid primary key,
      "post_id" uuid not null references "posts" ("id") on delete cascade,
      "author_id" uuid not null references "users" ("id") on delete cascade,
      "parent_id" uuid null references "comments" ("id") on delete cascade,
      "body" varchar(1000) not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null
    );`);
    this.addSql(`create index "comments_post_top_idx" on "comments" ("post_id", "created_at", "id") where "parent_id" is null;`);
    this.addSql(`create index "comments_post_idx" on "comments" ("post_id");`);
    this.addSql(`create index "comments_parent_idx" on "comments" ("parent_id", "created_at", "id") where "parent_id" is not null;`);
    this.addSql(`create index "comments_author_idx" on "comments" ("author_id");`);

    this.addSql(`create table "photo_tags" (
      "id" uuid primary key,
      "post_id" uuid not null references "posts" ("id") on delete cascade,
      "media_id" uuid not null references "media" ("id") on delete cascade,
      "user_id" uuid not null references "users" ("id") on delete cascade,
      "x" double precision not null check ("x" >= 0 and "x" <= 1),
      "y" double precision not null check ("y" >= 0 and "y" <= 1),
      "created_at" timestamptz not null,
      constraint "photo_tags_unique" unique ("post_id", "media_id", "user_id")
    );`);
    this.addSql(`create index "photo_tags_user_idx" on "photo_tags" ("user_id");`);
  }
}

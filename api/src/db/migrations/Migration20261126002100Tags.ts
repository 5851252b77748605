import { Migration } from '@mikro-orm/migrations';

export class Migration20261126002100Tags extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "tags" (
      "id" uuid primary key,
      "name" varchar(50) not null,
      "post_count" integer not null default 0,
      "created_at" timestamptz not null
    );`);
    this.addSql(`alter table "tags" add constraint "tags_name_unique" unique ("name");`);
    this.addSql(`alter table "tags" add constraint "tags_name_lower" check ("name" = lower("name"));`);
    // Prefix autocomplete (`like 'ab%'`) whatever the database collation, and "most used first".
    this.addSql(`create index "tags_name_prefix" on "tags" ("name" text_pattern_ops);`);
    this.addSql(`create index "tags_post_count" on "tags" ("post_count" desc, "name");`);
  }
}

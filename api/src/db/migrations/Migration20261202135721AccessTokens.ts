import { Migration } from '@mikro-orm/migrations';

export class Migration20261202135721AccessTokens extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "access_tokens" ("id" uuid not null, "user_id" uuid not null, "name" varchar(100) not null, "scopes" text[] not null, "hash" varchar(64) not null, "prefix" varchar(16) not null, "created_at" timestamptz not null, "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "access_tokens_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "access_tokens" add constraint "access_tokens_hash_unique" unique ("hash");`);
    this.addSql(`create index "access_tokens_user_created_idx" on "access_tokens" ("user_id", "created_at");`);

    this.addSql(
      `alter table "access_tokens" add constraint "access_tokens_user_id_fkey" foreign key ("user_id") references "users" ("id") on update no action on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "access_tokens" cascade;`);
  }
}

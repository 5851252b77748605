import { Migration } from '@mikro-orm/migrations';

export class Migration20261126000000Accounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create table "users" (
      "id" uuid primary key,
      "username" varchar(30) not null,
      "email" varchar(320) not null,
      "password_hash" varchar(255) not null,
      "display_name" varchar(50) not null,
      "bio" varchar(300) null,
      "avatar_id" uuid null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null
    );`);
    this.addSql(`create unique index "users_username_lower_unique" on "users" (lower("username"));`);
    this.addSql(`create unique index "users_email_lower_unique" on "users" (lower("email"));`);
    // Substring search over username and display name, Korean included (trigrams work on any letters).
    this.addSql(`create index "users_username_trgm" on "users" using gin (lower("username") gin_trgm_ops);`);
    this.addSql(`create index "users_display_name_trgm" on "users" using gin (lower("display_name") gin_trgm_ops);`);

    this.addSql(`create table "sessions" (
      "id" uuid primary key,
      "user_id" uuid not null references "users" ("id") on delete cascade,
      "user_agent" varchar(400) null,
      "created_at" timestamptz not null,
      "revoked_at" timestamptz null
    );`);
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);

    this.addSql(`create table "refresh_tokens" (
      "hash" varchar(64) primary key,
      "session_id" uuid not null references "sessions" ("id") on delete cascade,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "used_at" timestamptz null
    );`);
    this.addSql(`create index "refresh_tokens_session_id_index" on "refresh_tokens" ("session_id");`);

    this.addSql(`create table "login_failures" (
      "id" uuid primary key,
      "user_id" uuid null,
      "ip" varchar(64) not null,
      "created_at" timestamptz not null
    );`);
    this.addSql(`create index "login_failures_user_idx" on "login_failures" ("user_id", "created_at");`);
    this.addSql(`create index "login_failures_ip_idx" on "login_failures" ("ip", "created_at");`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261202014452RateLimits extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "rate_limits" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, constraint "rate_limits_pkey" primary key ("key"));`,
    );

    this.addSql(`drop table if exists "login_failures" cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `create table "login_failures" ("id" uuid not null, "user_id" uuid null, "ip" varchar(64) not null, "created_at" timestamptz not null, constraint "login_failures_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "login_failures_ip_idx" on "login_failures" ("ip", "created_at");`);
    this.addSql(`create index "login_failures_user_idx" on "login_failures" ("user_id", "created_at");`);

    this.addSql(`drop table if exists "rate_limits" cascade;`);
  }
}

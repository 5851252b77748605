import { Migration } from '@mikro-orm/migrations';

export class Migration20261202104838EmailVerificationAndResetTokens extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "account_tokens" ("hash" varchar(64) not null, "user_id" uuid not null, "purpose" text check ("purpose" in ('VERIFY_EMAIL', 'RESET_PASSWORD')) not null, "email" varchar(320) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "account_tokens_pkey" primary key ("hash"));`,
    );
    this.addSql(`create index "account_tokens_user_id_index" on "account_tokens" ("user_id");`);

    this.addSql(
      `alter table "account_tokens" add constraint "account_tokens_user_id_fkey" foreign key ("user_id") references "users" ("id") on update no action on delete cascade;`,
    );

    this.addSql(`alter table "users" add column "email_verified_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "account_tokens" cascade;`);

    this.addSql(`alter table "users" drop column "email_verified_at";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261202134945PrivateAccountsAndEmailChange extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "follow_requests" ("follower_id" uuid not null, "followee_id" uuid not null, "created_at" timestamptz not null, constraint "follow_requests_pkey" primary key ("follower_id", "followee_id"), constraint follow_requests_not_self check ("follower_id" <> "followee_id"));`,
    );
    this.addSql(`create index "follow_requests_followee_idx" on "follow_requests" ("followee_id", "created_at" desc, "follower_id" desc);`);

    this.addSql(
      `alter table "follow_requests" add constraint "follow_requests_follower_id_fkey" foreign key ("follower_id") references "users" ("id") on update no action on delete cascade;`,
    );
    this.addSql(
      `alter table "follow_requests" add constraint "follow_requests_followee_id_fkey" foreign key ("followee_id") references "users" ("id") on update no action on delete cascade;`,
    );

    this.addSql(`alter table "account_tokens" drop constraint if exists "account_tokens_purpose_check";`);

    this.addSql(`alter table "users" add column "is_private" boolean not null default false;`);

    this.addSql(
      `alter table "account_tokens" add constraint "account_tokens_purpose_check" check("purpose" in ('VERIFY_EMAIL', 'RESET_PASSWORD', 'CHANGE_EMAIL'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "follow_requests" cascade;`);

    this.addSql(`alter table "account_tokens" drop constraint if exists "account_tokens_purpose_check";`);

    this.addSql(`alter table "users" drop column "is_private";`);

    this.addSql(
      `alter table "account_tokens" add constraint "account_tokens_purpose_check" check("purpose" in ('VERIFY_EMAIL', 'RESET_PASSWORD'));`,
    );
  }
}

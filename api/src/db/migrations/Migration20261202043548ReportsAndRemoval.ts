import { Migration } from '@mikro-orm/migrations';

export class Migration20261202043548ReportsAndRemoval extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "reports" ("id" uuid not null, "reporter_id" uuid not null, "subject_type" varchar(16) check ("subject_type" in ('User', 'Post', 'Comment', 'FacechatRoom', 'ChatMessage')) not null, "subject_id" uuid not null, "reason" varchar(16) check ("reason" in ('SPAM', 'HARASSMENT', 'HATE', 'NUDITY', 'VIOLENCE', 'SELF_HARM', 'IMPERSONATION', 'OTHER')) not null, "comment" varchar(1000) null, "status" varchar(12) check ("status" in ('OPEN', 'RESOLVED', 'DISMISSED')) not null default 'OPEN', "created_at" timestamptz not null, "resolved_at" timestamptz null, "resolved_by_id" uuid null, "resolution" varchar(1000) null, constraint "reports_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "reports_subject_idx" on "reports" ("subject_id") where "status" = 'OPEN';`);
    this.addSql(`create index "reports_status_created_idx" on "reports" ("status", "created_at", "id");`);
    this.addSql(
      `create unique index "reports_open_reporter_subject_uniq" on "reports" ("reporter_id", "subject_type", "subject_id") where "status" = 'OPEN';`,
    );

    this.addSql(
      `alter table "reports" add constraint "reports_reporter_id_fkey" foreign key ("reporter_id") references "users" ("id") on update no action on delete cascade;`,
    );
    this.addSql(
      `alter table "reports" add constraint "reports_resolved_by_id_fkey" foreign key ("resolved_by_id") references "users" ("id") on update no action on delete set null;`,
    );

    this.addSql(`alter table "rooms" add column "removed_at" timestamptz null, add column "removed_by_id" uuid null;`);
    this.addSql(
      `alter table "rooms" add constraint "rooms_removed_by_id_fkey" foreign key ("removed_by_id") references "users" ("id") on update no action on delete set null;`,
    );

    this.addSql(`alter table "posts" add column "removed_at" timestamptz null, add column "removed_by_id" uuid null;`);
    this.addSql(
      `alter table "posts" add constraint "posts_removed_by_id_fkey" foreign key ("removed_by_id") references "users" ("id") on update no action on delete set null;`,
    );

    this.addSql(`alter table "comments" add column "removed_at" timestamptz null, add column "removed_by_id" uuid null;`);
    this.addSql(
      `alter table "comments" add constraint "comments_removed_by_id_fkey" foreign key ("removed_by_id") references "users" ("id") on update no action on delete set null;`,
    );

    this.addSql(`alter table "chat_messages" add column "removed_at" timestamptz null, add column "removed_by_id" uuid null;`);
    this.addSql(
      `alter table "chat_messages" add constraint "chat_messages_removed_by_id_fkey" foreign key ("removed_by_id") references "users" ("id") on update no action on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reports" cascade;`);

    this.addSql(`alter table "rooms" drop constraint "rooms_removed_by_id_fkey";`);

    this.addSql(`alter table "posts" drop constraint "posts_removed_by_id_fkey";`);

    this.addSql(`alter table "comments" drop constraint "comments_removed_by_id_fkey";`);

    this.addSql(`alter table "chat_messages" drop constraint "chat_messages_removed_by_id_fkey";`);

    this.addSql(`alter table "rooms" drop column "removed_at", drop column "removed_by_id";`);

    this.addSql(`alter table "posts" drop column "removed_at", drop column "removed_by_id";`);

    this.addSql(`alter table "comments" drop column "removed_at", drop column "removed_by_id";`);

    this.addSql(`alter table "chat_messages" drop column "removed_at", drop column "removed_by_id";`);
  }
}

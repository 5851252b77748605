import { Migration } from '@mikro-orm/migrations';

export class Migration20261202043227ModerationLog extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "moderation_actions" ("id" uuid not null, "type" varchar(32) not null, "moderator_id" uuid not null, "subject_type" varchar(32) not null, "subject_id" uuid not null, "reason" text null, "created_at" timestamptz not null, constraint "moderation_actions_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "moderation_actions_moderator_id_index" on "moderation_actions" ("moderator_id");`);
    this.addSql(`create index "moderation_actions_subject_idx" on "moderation_actions" ("subject_type", "subject_id");`);
    this.addSql(`create index "moderation_actions_created_idx" on "moderation_actions" ("created_at" desc, "id" desc);`);

    this.addSql(
      `alter table "moderation_actions" add constraint "moderation_actions_moderator_id_fkey" foreign key ("moderator_id") references "users" ("id") on update no action on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "moderation_actions" cascade;`);
  }
}

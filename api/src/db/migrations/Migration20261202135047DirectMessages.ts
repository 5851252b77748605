import { Migration } from '@mikro-orm/migrations';

export class Migration20261202135047DirectMessages extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "conversations" ("id" uuid not null, "title" varchar(100) null, "is_group" boolean not null default false, "direct_key" varchar(80) null, "created_by_id" uuid null, "last_message_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "conversations_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "conversations" add constraint "conversations_direct_key_key" unique ("direct_key");`);
    this.addSql(`create index "conversations_updated_idx" on "conversations" ("updated_at" desc, "id" desc);`);

    this.addSql(
      `create table "direct_messages" ("id" uuid not null, "conversation_id" uuid not null, "author_id" uuid not null, "kind" varchar(12) not null default 'TEXT', "body" varchar(2000) null, "media_id" uuid null, "call_id" uuid null, "call_duration_seconds" int null, "client_id" varchar(64) null, "created_at" timestamptz not null, constraint "direct_messages_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "direct_messages_media_idx" on "direct_messages" ("media_id") where "media_id" is not null;`);
    this.addSql(`create index "direct_messages_conversation_idx" on "direct_messages" ("conversation_id", "created_at" desc, "id" desc);`);
    this.addSql(`alter table "direct_messages" add constraint "direct_messages_call_key" unique ("call_id");`);

    this.addSql(
      `create table "conversation_members" ("conversation_id" uuid not null, "user_id" uuid not null, "joined_at" timestamptz not null, "last_read_message_id" uuid null, "last_read_at" timestamptz null, constraint "conversation_members_pkey" primary key ("conversation_id", "user_id"));`,
    );
    this.addSql(`create index "conversation_members_user_idx" on "conversation_members" ("user_id", "conversation_id");`);

    this.addSql(
      `alter table "conversations" add constraint "conversations_created_by_id_fkey" foreign key ("created_by_id") references "users" ("id") on update no action on delete set null;`,
    );

    this.addSql(
      `alter table "direct_messages" add constraint "direct_messages_conversation_id_fkey" foreign key ("conversation_id") references "conversations" ("id") on update no action on delete cascade;`,
    );
    this.addSql(
      `alter table "direct_messages" add constraint "direct_messages_author_id_fkey" foreign key ("author_id") references "users" ("id") on update no action on delete cascade;`,
    );
    this.addSql(
      `alter table "direct_messages" add constraint "direct_messages_media_id_fkey" foreign key ("media_id") references "media" ("id") on update no action on delete set null;`,
    );

    this.addSql(
      `alter table "conversation_members" add constraint "conversation_members_conversation_id_fkey" foreign key ("conversation_id") references "conversations" ("id") on update no action on delete cascade;`,
    );
    this.addSql(
      `alter table "conversation_members" add constraint "conversation_members_user_id_fkey" foreign key ("user_id") references "users" ("id") on update no action on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "direct_messages" drop constraint "direct_messages_conversation_id_fkey";`);

    this.addSql(`alter table "conversation_members" drop constraint "conversation_members_conversation_id_fkey";`);

    this.addSql(`drop table if exists "conversations" cascade;`);

    this.addSql(`drop table if exists "direct_messages" cascade;`);

    this.addSql(`drop table if exists "conversation_members" cascade;`);
  }
}

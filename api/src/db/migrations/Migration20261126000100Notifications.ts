import { Migration } from '@mikro-orm/migrations';

export class Migration20261126000100Notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "notifications" (
      "id" uuid primary key,
      "recipient_id" uuid not null references "users" ("id") on delete cascade,
      "type" varchar(32) not null,
      "actor_id" uuid null references "users" ("id") on delete cascade,
      "post_id" uuid null,
      "comment_id" uuid null,
      "call_id" uuid null,
      "room_id" uuid null,
      "media_id" uuid null,
      "dedupe_key" varchar(200) null,
      "read_at" timestamptz null,
      "created_at" timestamptz not null
    );`);
    this.addSql(`create index "notifications_recipient_created_idx" on "notifications" ("recipient_id", "created_at" desc, "id" desc);`);
    this.addSql(`create index "notifications_unread_idx" on "notifications" ("recipient_id") where "read_at" is null;`);
    this.addSql(`create index "notifications_dedupe_idx" on "notifications" ("recipient_id", "dedupe_key", "created_at");`);
  }
}

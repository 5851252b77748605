import { Migration } from '@mikro-orm/migrations';

export class Migration20261126002000Media extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "media" (
      "id" uuid primary key,
      "owner_id" uuid not null references "users" ("id") on delete cascade,
      "kind" varchar(16) not null check ("kind" in ('UPLOAD', 'SCREENSHOT', 'AVATAR')),
      "file_key" varchar(100) not null,
      "thumb_key" varchar(100) not null,
      "width" integer not null,
      "height" integer not null,
      "blurhash" varchar(100) null,
      "alt_text" varchar(500) null,
      "room_id" uuid null,
      "bytes" integer not null,
      "created_at" timestamptz not null
    );`);
    // The screenshot album (and any per-kind listing) of one owner, newest first.
    this.addSql(`create index "media_owner_kind_created_idx" on "media" ("owner_id", "kind", "created_at" desc, "id" desc);`);
    this.addSql(`create index "media_room_idx" on "media" ("room_id") where "room_id" is not null;`);
  }
}

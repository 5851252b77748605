import { Migration } from '@mikro-orm/migrations';

/**
 * Facechat rooms, who is in them, ringing calls and in-call chat.
 * - `room_members`: who joined (joinRoom, startCall for the caller, acceptCall for a callee) and has not left.
 * - `room_presence`: who LiveKit says is connected right now (webhooks), one row per user.
 * - `calls` / `call_callees`: a call owns one PRIVATE room (`rooms.is_call`); its callees are the room's invitees.
 */
export class Migration20261126003000Rooms extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "rooms" (
      "id" uuid primary key,
      "owner_id" uuid not null references "users" ("id") on delete cascade,
      "title" varchar(60) not null,
      "capacity" smallint not null check ("capacity" between 2 and 16),
      "visibility" varchar(8) not null check ("visibility" in ('PUBLIC', 'FRIENDS', 'PRIVATE')),
      "is_call" boolean not null default false,
      "closed_at" timestamptz null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null
    );`);
    this.addSql(`create index "rooms_lobby_idx" on "rooms" ("created_at" desc, "id" desc) where "closed_at" is null and not "is_call";`);
    this.addSql(`create index "rooms_owner_idx" on "rooms" ("owner_id", "created_at" desc);`);

    this.addSql(`create table "room_tags" (
      "room_id" uuid not null references "rooms" ("id") on delete cascade,
      "tag_id" uuid not null references "tags" ("id") on delete cascade,
      "position" smallint not null,
      primary key ("room_id", "tag_id")
    );`);
    this.addSql(`create index "room_tags_tag_idx" on "room_tags" ("tag_id", "room_id");`);

    this.addSql(`create table "room_members" (
      "room_id" uuid not null references "rooms" ("id") on delete cascade,
      "user_id" uuid not null references "users" ("id") on delete cascade,
      "joined_at" timestamptz not null,
      "left_at" timestamptz null,
      primary key ("room_id", "user_id")
    );`);
    this.addSql(`create index "room_members_user_idx" on "room_members" ("user_id") where "left_at" is null;`);

    this.addSql(`create table "room_presence" (
      "room_id" uuid not null references "rooms" ("id") on delete cascade,
      "user_id" uuid not null references "users" ("id") on delete cascade,
      "participant_sid" varchar(64) not null,
      "joined_at" timestamptz not null,
      primary key ("room_id", "user_id")
    );`);

    this.addSql(`create table "calls" (
      "id" uuid primary key,
      "caller_id" uuid not null references "users" ("id") on delete cascade,
      "room_id" uuid not null unique references "rooms" ("id") on delete cascade,
      "status" varchar(10) not null check ("status" in ('RINGING', 'ACCEPTED', 'DECLINED', 'MISSED', 'CANCELED', 'ENDED')),
      "created_at" timestamptz not null,
      "answered_at" timestamptz null,
      "ended_at" timestamptz null
    );`);
    this.addSql(`create index "calls_caller_idx" on "calls" ("caller_id", "created_at" desc, "id" desc);`);
    this.addSql(`create index "calls_open_idx" on "calls" ("created_at") where "status" in ('RINGING', 'ACCEPTED');`);

    this.addSql(`create table "call_callees" (
      "call_id" uuid not null references "calls" ("id") on delete cascade,
      "user_id" uuid not null references "users" ("id") on delete cascade,
      "position" smallint not null,
      "response" varchar(10) not null default 'RINGING' check ("response" in ('RINGING', 'ACCEPTED', 'DECLINED', 'MISSED')),
      "responded_at" timestamptz null,
      primary key ("call_id", "user_id")
    );`);
    this.addSql(`create index "call_callees_user_idx" on "call_callees" ("user_id", "call_id");`);

    this.addSql(`create table "chat_messages" (
      "id" uuid primary key,
      "room_id" uuid not null references "rooms" ("id") on delete cascade,
      "author_id" uuid not null references "users" ("id") on delete cascade,
      "kind" varchar(12) not null default 'TEXT' check ("kind" in ('TEXT', 'SCREENSHOT')),
      "body" varchar(1000) not null,
      "media_id" uuid null,
      "created_at" timestamptz not null
    );`);
    this.addSql(`create index "chat_messages_room_idx" on "chat_messages" ("room_id", "created_at" desc, "id" desc);`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Friend requests, friendships (stored in both directions), follows and blocks.
 * Timestamps are written by the API with millisecond precision so keyset cursors round-trip exactly.
 */
export class Migration20261126001000Friends extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "friend_requests" (
      "id" uuid primary key,
      "from_id" uuid not null references "users" ("id") on delete cascade,
      "to_id" uuid not null references "users" ("id") on delete cascade,
      "status" varchar(16) not null,
      "created_at" timestamptz not null,
      "responded_at" timestamptz null,
      constraint "friend_requests_not_self" check ("from_id" <> "to_id"),
      constraint "friend_requests_status_check" check ("status" in ('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELED'))
    );`);
    // At most one pending request per direction; lists of pending requests per side, newest first.
    this.addSql(`create unique index "friend_requests_pending_pair" on "friend_requests" ("from_id", "to_id") where "status" = 'PENDING';`);
    this.addSql(
      `create index "friend_requests_incoming_idx" on "friend_requests" ("to_id", "created_at" desc, "id" desc) where "status" = 'PENDING';`,
    );
    this.addSql(
      `create index "friend_requests_outgoing_idx" on "friend_requests" ("from_id", "created_at" desc, "id" desc) where "status" = 'PENDING';`,
    );

    // Both directions are stored: every lookup is one primary-key probe, a user's friends one index range.
    this.addSql(`create table "friendships" (
      "user_id" uuid not null references "users" ("id") on delete cascade,
      "friend_id" uuid not null references "users" ("id") on delete cascade,
      "created_at" timestamptz not null,
      primary key ("user_id", "friend_id"),
      constraint "friendships_not_self" check ("user_id" <> "friend_id")
    );`);
    this.addSql(`create index "friendships_user_created_idx" on "friendships" ("user_id", "created_at" desc, "friend_id" desc);`);

    this.addSql(`create table "follows" (
      "follower_id" uuid not null references "users" ("id") on delete cascade,
      "followee_id" uuid not null references "users" ("id") on delete cascade,
      "created_at" timestamptz not null,
      primary key ("follower_id", "followee_id"),
      constraint "follows_not_self" check ("follower_id" <> "followee_id")
    );`);
    this.addSql(`create index "follows_following_idx" on "follows" ("follower_id", "created_at" desc, "followee_id" desc);`);
    this.addSql(`create index "follows_followers_idx" on "follows" ("followee_id", "created_at" desc, "follower_id" desc);`);

    this.addSql(`create table "blocks" (
      "blocker_id" uuid not null references "users" ("id") on delete cascade,
      "blocked_id" uuid not null references "users" ("id") on delete cascade,
      "created_at" timestamptz not null,
      primary key ("blocker_id", "blocked_id"),
      constraint "blocks_not_self" check ("blocker_id" <> "blocked_id")
    );`);
    this.addSql(`create index "blocks_blocked_idx" on "blocks" ("blocked_id", "blocker_id");`);
  }
}

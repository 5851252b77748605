import { Migration } from '@mikro-orm/migrations';

export class Migration20261202135201CommentLikes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "comment_likes" ("id" uuid not null, "comment_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, constraint "comment_likes_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "comment_likes_user_idx" on "comment_likes" ("user_id");`);
    this.addSql(`alter table "comment_likes" add constraint "comment_likes_comment_user_unique" unique ("comment_id", "user_id");`);

    this.addSql(
      `alter table "comment_likes" add constraint "comment_likes_comment_id_fkey" foreign key ("comment_id") references "comments" ("id") on update no action on delete cascade;`,
    );
    this.addSql(
      `alter table "comment_likes" add constraint "comment_likes_user_id_fkey" foreign key ("user_id") references "users" ("id") on update no action on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "comment_likes" cascade;`);
  }
}

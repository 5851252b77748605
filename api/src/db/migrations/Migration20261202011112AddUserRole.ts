import { Migration } from '@mikro-orm/migrations';

export class Migration20261202011112AddUserRole extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "role" text check ("role" in ('USER', 'MODERATOR', 'ADMIN')) not null default 'USER';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users" drop column "role";`);
  }
}

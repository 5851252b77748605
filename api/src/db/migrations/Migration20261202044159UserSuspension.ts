import { Migration } from '@mikro-orm/migrations';

export class Migration20261202044159UserSuspension extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "suspended_at" timestamptz null, add column "suspended_until" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users" drop column "suspended_at", drop column "suspended_until";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261202070947ScreenshotPeople extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "media" add column "screenshot_people" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "media" drop column "screenshot_people";`);
  }
}

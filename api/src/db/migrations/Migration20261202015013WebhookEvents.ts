import { Migration } from '@mikro-orm/migrations';

export class Migration20261202015013WebhookEvents extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "livekit_webhook_events" ("id" varchar(128) not null, "received_at" timestamptz not null, constraint "livekit_webhook_events_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "livekit_webhook_events_received_at_idx" on "livekit_webhook_events" ("received_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "livekit_webhook_events" cascade;`);
  }
}

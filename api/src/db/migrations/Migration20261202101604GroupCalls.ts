import { Migration } from '@mikro-orm/migrations';

/** Group calls (issue 13): who rang each callee and when (per ringing round); room members who came by an invite link. */
export class Migration20261202101604GroupCalls extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "room_members" add column "via_invite" boolean not null default false;`);

    // Existing callees were rung by the caller when the call started.
    this.addSql(`alter table "call_callees" add column "invited_by" uuid null, add column "rang_at" timestamptz null;`);
    this.addSql(
      `update "call_callees" cc set "invited_by" = c."caller_id", "rang_at" = c."created_at" from "calls" c where c."id" = cc."call_id";`,
    );
    this.addSql(`alter table "call_callees" alter column "invited_by" set not null, alter column "rang_at" set not null;`);
    this.addSql(
      `alter table "call_callees" add constraint "call_callees_invited_by_fkey" foreign key ("invited_by") references "users" ("id") on update no action on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "call_callees" drop constraint "call_callees_invited_by_fkey";`);
    this.addSql(`alter table "room_members" drop column "via_invite";`);
    this.addSql(`alter table "call_callees" drop column "invited_by", drop column "rang_at";`);
  }
}

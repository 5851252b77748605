import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

const ROOM_VISIBILITIES = ['PUBLIC', 'FRIENDS', 'PRIVATE'] as const;
export type RoomVisibilityValue = (typeof ROOM_VISIBILITIES)[number];

/** Foreign keys as `mapToPk` relations: the property is the raw id; a deleted room or user takes its rows along. */
const FK = { mapToPk: true, deleteRule: 'cascade', updateRule: 'no action' } as const;

/**
 * A facechat room; its LiveKit room is named by the raw id. Tags (`room_tags`), members
 * (`room_members`) and LiveKit presence (`room_presence`) are link tables written with SQL.
 * A call's room is PRIVATE with `isCall` set; it closes (`closedAt`) when the call ends.
 */
@Entity({ tableName: 'rooms' })
// Written `between 2 and 16` in the migration; PostgreSQL stores it as this.
@Check({ name: 'rooms_capacity_check', expression: '"capacity" >= 2 and "capacity" <= 16' })
@Index({
  name: 'rooms_lobby_idx',
  expression: 'create index "rooms_lobby_idx" on "rooms" ("created_at" desc, "id" desc) where "closed_at" is null and not "is_call"',
})
@Index({ name: 'rooms_owner_idx', expression: 'create index "rooms_owner_idx" on "rooms" ("owner_id", "created_at" desc)' })
export class Room {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('User', { ...FK, fieldName: 'owner_id' })
  ownerId!: string;

  @Property({ type: 'string', length: 60 })
  title!: string;

  @Property({ type: 'smallint' })
  capacity: number = 8;

  @Enum({ items: [...ROOM_VISIBILITIES], columnType: 'varchar(8)' })
  visibility: RoomVisibilityValue = 'PUBLIC';

  @Property({ type: 'boolean', default: false })
  isCall: boolean = false;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();

  /** Set by staff (moderation's removeContent): hidden from everyone but staff, not deleted. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  removedAt: Date | null = null;

  @ManyToOne('User', { mapToPk: true, fieldName: 'removed_by_id', nullable: true, deleteRule: 'set null', updateRule: 'no action' })
  removedById: string | null = null;
}

/** The ordered tags of a room (link table, written with SQL). */
@Entity({ tableName: 'room_tags' })
@Index({ name: 'room_tags_tag_idx', properties: ['tagId', 'roomId'] })
class RoomTag {
  [PrimaryKeyProp]?: ['roomId', 'tagId'];

  @ManyToOne('Room', { ...FK, primary: true, fieldName: 'room_id' })
  roomId!: string;

  @ManyToOne('Tag', { ...FK, primary: true, fieldName: 'tag_id' })
  tagId!: string;

  @Property({ type: 'smallint' })
  position!: number;
}

/** Who joined a room and has not left (`leftAt` null). Written with SQL. */
@Entity({ tableName: 'room_members' })
@Index({
  name: 'room_members_user_idx',
  expression: 'create index "room_members_user_idx" on "room_members" ("user_id") where "left_at" is null',
})
class RoomMember {
  [PrimaryKeyProp]?: ['roomId', 'userId'];

  @ManyToOne('Room', { ...FK, primary: true, fieldName: 'room_id' })
  roomId!: string;

  @ManyToOne('User', { ...FK, primary: true, fieldName: 'user_id' })
  userId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  joinedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  leftAt: Date | null = null;

  /** Joined with an invite link (room-invites.ts): they see the room while they are a member, friends or not. */
  @Property({ type: 'boolean', default: false })
  viaInvite: boolean = false;
}

/** Who LiveKit says is connected to a room right now (webhooks), one row per user. Written with SQL. */
@Entity({ tableName: 'room_presence' })
class RoomPresence {
  [PrimaryKeyProp]?: ['roomId', 'userId'];

  @ManyToOne('Room', { ...FK, primary: true, fieldName: 'room_id' })
  roomId!: string;

  @ManyToOne('User', { ...FK, primary: true, fieldName: 'user_id' })
  userId!: string;

  @Property({ type: 'string', length: 64 })
  participantSid!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  joinedAt!: Date;
}

/**
 * Ids of the LiveKit webhooks already applied, so a replayed (or retried) signed webhook changes nothing, on
 * every API instance. Kept a little longer than a webhook stays fresh (rooms.presence WEBHOOK_MAX_AGE_SECONDS);
 * older rows are pruned as new webhooks arrive. Written with SQL.
 */
@Entity({ tableName: 'livekit_webhook_events' })
@Index({ name: 'livekit_webhook_events_received_at_idx', properties: ['receivedAt'] })
class LivekitWebhookEvent {
  @PrimaryKey({ type: 'string', length: 128 })
  id!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  receivedAt!: Date;
}

export const roomEntities = [Room, RoomTag, RoomMember, RoomPresence, LivekitWebhookEvent];

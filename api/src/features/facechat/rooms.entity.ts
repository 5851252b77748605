import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export const ROOM_VISIBILITIES = ['PUBLIC', 'FRIENDS', 'PRIVATE'] as const;
export type RoomVisibilityValue = (typeof ROOM_VISIBILITIES)[number];

/**
 * A facechat room; its LiveKit room is named by the raw id. Tags (`room_tags`), members
 * (`room_members`) and LiveKit presence (`room_presence`) are link tables written with SQL.
 * A call's room is PRIVATE with `isCall` set; it closes (`closedAt`) when the call ends.
 */
@Entity({ tableName: 'rooms' })
export class Room {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  ownerId!: string;

  @Property({ type: 'string', length: 60 })
  title!: string;

  @Property({ type: 'integer' })
  capacity: number = 8;

  @Property({ type: 'string', length: 8 })
  visibility: RoomVisibilityValue = 'PUBLIC';

  @Property({ type: 'boolean' })
  isCall: boolean = false;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();
}

export const roomEntities = [Room];

import { Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

const CALL_STATUSES = ['RINGING', 'ACCEPTED', 'DECLINED', 'MISSED', 'CANCELED', 'ENDED'] as const;
export type CallStatusValue = (typeof CALL_STATUSES)[number];
/** A call in one of these is over: its room is closed and nothing changes any more. */
export const FINISHED: readonly CallStatusValue[] = ['DECLINED', 'MISSED', 'CANCELED', 'ENDED'];

/** Each callee's own answer, in `call_callees.response`. */
const CALLEE_RESPONSES = ['RINGING', 'ACCEPTED', 'DECLINED', 'MISSED'] as const;
export type CalleeResponse = (typeof CALLEE_RESPONSES)[number];

/** Foreign keys as `mapToPk` relations: the property is the raw id; a deleted room, call or user takes its rows along. */
const FK = { mapToPk: true, deleteRule: 'cascade', updateRule: 'no action' } as const;

/** One ringing call from `callerId` to the users in `call_callees`, held in its own PRIVATE room. */
@Entity({ tableName: 'calls' })
@Index({ name: 'calls_caller_idx', expression: 'create index "calls_caller_idx" on "calls" ("caller_id", "created_at" desc, "id" desc)' })
@Index({
  name: 'calls_open_idx',
  expression: `create index "calls_open_idx" on "calls" ("created_at") where "status" in ('RINGING', 'ACCEPTED')`,
})
export class Call {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('User', { ...FK, fieldName: 'caller_id' })
  callerId!: string;

  /** One room per call (unique `calls_room_id_key`). */
  @ManyToOne('Room', { ...FK, fieldName: 'room_id', unique: true })
  roomId!: string;

  @Enum({ items: [...CALL_STATUSES], columnType: 'varchar(10)' })
  status: CallStatusValue = 'RINGING';

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  answeredAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  endedAt: Date | null = null;
}

/** One callee of a call and their own answer (written with SQL). */
@Entity({ tableName: 'call_callees' })
@Index({ name: 'call_callees_user_idx', properties: ['userId', 'callId'] })
class CallCallee {
  [PrimaryKeyProp]?: ['callId', 'userId'];

  @ManyToOne('Call', { ...FK, primary: true, fieldName: 'call_id' })
  callId!: string;

  @ManyToOne('User', { ...FK, primary: true, fieldName: 'user_id' })
  userId!: string;

  @Property({ type: 'smallint' })
  position!: number;

  @Enum({ items: [...CALLEE_RESPONSES], columnType: 'varchar(10)', default: 'RINGING' })
  response: CalleeResponse = 'RINGING';

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  respondedAt: Date | null = null;

  /** Who rang them: the caller, or someone in the call who added them later (inviteToCall). */
  @ManyToOne('User', { ...FK, fieldName: 'invited_by' })
  invitedBy!: string;

  /** When they were last rung: each ringing round times out on its own (calls.endings.ts `ringTimeout`). */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  rangAt!: Date;
}

export const callEntities = [Call, CallCallee];

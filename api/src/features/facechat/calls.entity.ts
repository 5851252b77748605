import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export const CALL_STATUSES = ['RINGING', 'ACCEPTED', 'DECLINED', 'MISSED', 'CANCELED', 'ENDED'] as const;
export type CallStatusValue = (typeof CALL_STATUSES)[number];
/** A call in one of these is over: its room is closed and nothing changes any more. */
export const FINISHED: readonly CallStatusValue[] = ['DECLINED', 'MISSED', 'CANCELED', 'ENDED'];

/** Each callee's own answer, in `call_callees.response`. */
export type CalleeResponse = 'RINGING' | 'ACCEPTED' | 'DECLINED' | 'MISSED';

/** One ringing call from `callerId` to the users in `call_callees`, held in its own PRIVATE room. */
@Entity({ tableName: 'calls' })
export class Call {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  callerId!: string;

  @Property({ type: 'uuid' })
  roomId!: string;

  @Property({ type: 'string', length: 10 })
  status: CallStatusValue = 'RINGING';

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  answeredAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  endedAt: Date | null = null;
}

export const callEntities = [Call];

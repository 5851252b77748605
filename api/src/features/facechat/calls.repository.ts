/** SQL of calls and their callees (`call_callees`: each callee's own answer, in calling order). */
import { sql, type Db } from '../../kernel/db.js';
import { keysetSql } from '../../kernel/pagination.js';
import { Call, type CalleeResponse, type CallStatusValue } from './calls.entity.js';

/** A call with its callees' answers, as read (and locked) for a state change. */
export interface CallState {
  call: Call;
  calleeIds: string[];
  responses: Map<string, CalleeResponse>;
  /** When each callee was last rung (the ringing round they are in). */
  rangAt: Map<string, Date>;
}
export interface CalleeRow {
  callId: string;
  userId: string;
}
/** One ringing round of an unfinished call: callees rung at `rangAt` who still ring. */
export interface RingingRow {
  id: string;
  createdAt: Date;
  rangAt: Date;
}
/** One callee and their answer, as `Call.calleeStatuses` shows them. */
export interface CalleeStatusRow {
  callId: string;
  userId: string;
  response: CalleeResponse;
  respondedAt: Date | null;
  invitedBy: string;
  inCall: boolean;
}

/** Calls `userId` takes part in (caller or callee), as SQL on `c`. */
const mine = `(c.caller_id = ? or exists (select 1 from call_callees cc where cc.call_id = c.id and cc.user_id = ?))`;
/** Callee `cc` accepted and is still in room `roomIdSql` (a member not left, or connected). */
const stillInSql = (roomIdSql: string) => `cc.response = 'ACCEPTED'
  and (exists (select 1 from room_members m where m.room_id = ${roomIdSql} and m.user_id = cc.user_id and m.left_at is null)
    or exists (select 1 from room_presence p where p.room_id = ${roomIdSql} and p.user_id = cc.user_id))`;

export class CallsRepository {
  async insert(tx: Db, input: { callerId: string; roomId: string; calleeIds: string[] }): Promise<Call> {
    const call = tx.create(Call, {
      callerId: input.callerId,
      roomId: input.roomId,
      status: 'RINGING',
      createdAt: new Date(),
      answeredAt: null,
      endedAt: null,
    });
    await tx.flush();
    await sql(
      tx,
      `insert into call_callees (call_id, user_id, position, response, invited_by, rang_at)
         select ?, (c ->> 0)::uuid, (c ->> 1)::smallint, 'RINGING', ?, ? from jsonb_array_elements(?::jsonb) as c`,
      [call.id, input.callerId, call.createdAt, JSON.stringify(input.calleeIds.map((id, i) => [id, i]))],
    );
    return call;
  }

  /**
   * Rings `userIds` (again) at `rangAt`, rung by `invitedBy`: new callees are added after the others; those who
   * declined, missed or left ring again (their answer is cleared).
   */
  async ring(tx: Db, callId: string, userIds: string[], invitedBy: string, rangAt: Date): Promise<void> {
    await sql(
      tx,
      `insert into call_callees (call_id, user_id, position, response, invited_by, rang_at)
         select ?, (c ->> 0)::uuid, (select coalesce(max(position), -1) from call_callees where call_id = ?) + (c ->> 1)::smallint + 1,
                'RINGING', ?, ? from jsonb_array_elements(?::jsonb) as c
       on conflict (call_id, user_id) do update
         set response = 'RINGING', responded_at = null, invited_by = excluded.invited_by, rang_at = excluded.rang_at`,
      [callId, callId, invitedBy, rangAt, JSON.stringify(userIds.map((id, i) => [id, i]))],
    );
  }

  /** The call with its callees; `lock` takes the call row for update. */
  async state(em: Db, callId: string, lock: boolean): Promise<CallState | null> {
    const [row] = await sql<Record<string, unknown>>(em, `select * from calls where id = ? ${lock ? 'for update' : ''}`, [callId]);
    if (!row) return null;
    const callees = await sql<{ userId: string; response: CalleeResponse; rangAt: Date | string }>(
      em,
      'select user_id as "userId", response, rang_at as "rangAt" from call_callees where call_id = ? order by position',
      [callId],
    );
    return {
      call: em.map(Call, row),
      calleeIds: callees.map((c) => c.userId),
      responses: new Map(callees.map((c) => [c.userId, c.response])),
      rangAt: new Map(callees.map((c) => [c.userId, new Date(c.rangAt)])),
    };
  }

  /** The call as committed, in `em` (a fresh one: a request's EntityManager may hold an older copy). */
  async byId(em: Db, callId: string): Promise<Call | null> {
    const [row] = await sql<Record<string, unknown>>(em, 'select * from calls where id = ?', [callId]);
    return row ? em.map(Call, row) : null;
  }

  /** Calls not finished yet in which both `a` and `b` take part (caller or callee). */
  async openCallsBetween(em: Db, a: string, b: string): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      em,
      `select c.id from calls c where c.status in ('RINGING', 'ACCEPTED') and ${mine} and ${mine} order by c.created_at`,
      [a, a, b, b],
    );
    return rows.map((r) => r.id);
  }

  /** Calls not finished yet in which `userId` takes part (caller or callee), oldest first. */
  async openCallsOf(em: Db, userId: string): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      em,
      `select c.id from calls c where c.status in ('RINGING', 'ACCEPTED') and ${mine} order by c.created_at`,
      [userId, userId],
    );
    return rows.map((r) => r.id);
  }

  async callIdOfRoom(em: Db, roomId: string): Promise<string | null> {
    const [row] = await sql<{ id: string }>(em, 'select id from calls where room_id = ?', [roomId]);
    return row?.id ?? null;
  }

  /** The answer of `userId` to the call held in `roomId` (null when not called). */
  async responseInRoom(em: Db, roomId: string, userId: string): Promise<CalleeResponse | null> {
    const [row] = await sql<{ response: CalleeResponse }>(
      em,
      'select cc.response from calls c join call_callees cc on cc.call_id = c.id where c.room_id = ? and cc.user_id = ?',
      [roomId, userId],
    );
    return row?.response ?? null;
  }

  async accept(tx: Db, callId: string, userId: string): Promise<void> {
    await sql(
      tx,
      `update call_callees set response = 'ACCEPTED', responded_at = coalesce(responded_at, now()) where call_id = ? and user_id = ?`,
      [callId, userId],
    );
    await sql(tx, `update calls set status = 'ACCEPTED', answered_at = coalesce(answered_at, now()) where id = ?`, [callId]);
  }

  async decline(tx: Db, callId: string, userId: string): Promise<void> {
    await sql(tx, `update call_callees set response = 'DECLINED', responded_at = now() where call_id = ? and user_id = ?`, [
      callId,
      userId,
    ]);
  }

  /** Callees still ringing who were rung at or before `rungBy` missed the call; returns who, with who rang them and when. */
  async missRinging(tx: Db, callId: string, rungBy: Date): Promise<{ userId: string; invitedBy: string; rangAt: Date }[]> {
    const rows = await sql<{ userId: string; invitedBy: string; rangAt: Date | string }>(
      tx,
      `update call_callees set response = 'MISSED', responded_at = now() where call_id = ? and response = 'RINGING' and rang_at <= ?
       returning user_id as "userId", invited_by as "invitedBy", rang_at as "rangAt"`,
      [callId, rungBy],
    );
    return rows.map((r) => ({ ...r, rangAt: new Date(r.rangAt) }));
  }

  async finish(tx: Db, callId: string, status: CallStatusValue): Promise<void> {
    await sql(tx, 'update calls set status = ?, ended_at = now() where id = ?', [status, callId]);
  }

  /** How many callees who accepted are still in the call's room (member not left, or connected). */
  async acceptedStillIn(tx: Db, callId: string, roomId: string): Promise<number> {
    const [{ n }] = await sql<{ n: number }>(
      tx,
      `select count(*)::int as n from call_callees cc where cc.call_id = ? and ${stillInSql('?::uuid')}`,
      [callId, roomId, roomId],
    );
    return n;
  }

  /** Each callee of the calls and their answer, in the order they were rung; `inCall` as in `acceptedStillIn`. */
  async calleeStatuses(em: Db, callIds: readonly string[]): Promise<CalleeStatusRow[]> {
    const rows = await sql<Omit<CalleeStatusRow, 'respondedAt'> & { respondedAt: Date | string | null }>(
      em,
      `select cc.call_id as "callId", cc.user_id as "userId", cc.response, cc.responded_at as "respondedAt",
              cc.invited_by as "invitedBy", (${stillInSql('c.room_id')}) as "inCall"
         from call_callees cc join calls c on c.id = cc.call_id where cc.call_id in (?) order by cc.call_id, cc.position`,
      [[...callIds]],
    );
    return rows.map((r) => ({ ...r, respondedAt: r.respondedAt ? new Date(r.respondedAt) : null }));
  }

  /** The ringing rounds of unfinished calls: each time at which someone still ringing was rung. */
  async ringing(em: Db): Promise<RingingRow[]> {
    const rows = await sql<{ id: string; createdAt: string | Date; rangAt: string | Date }>(
      em,
      `select distinct c.id, c.created_at as "createdAt", cc.rang_at as "rangAt" from calls c
         join call_callees cc on cc.call_id = c.id and cc.response = 'RINGING' where c.status in ('RINGING', 'ACCEPTED')`,
    );
    return rows.map((r) => ({ id: r.id, createdAt: new Date(r.createdAt), rangAt: new Date(r.rangAt) }));
  }

  /** Calls among `ids` that `userId` takes part in. */
  async ofParticipant(em: Db, userId: string, ids: readonly string[]): Promise<Call[]> {
    const rows = await sql<Record<string, unknown>>(em, `select c.* from calls c where c.id in (?) and ${mine}`, [
      [...ids],
      userId,
      userId,
    ]);
    return rows.map((row) => em.map(Call, row));
  }

  async calleesOf(em: Db, callIds: readonly string[]): Promise<CalleeRow[]> {
    return sql<CalleeRow>(
      em,
      'select call_id as "callId", user_id as "userId" from call_callees where call_id in (?) order by call_id, position',
      [[...callIds]],
    );
  }

  /** A page of `userId`'s calls, newest first. */
  async history(em: Db, userId: string, limit: number, after: (string | number)[] | null): Promise<Call[]> {
    const key = keysetSql('c', after, 'desc');
    const rows = await sql<Record<string, unknown>>(
      em,
      `select c.* from calls c where ${mine} and ${key.sql} order by c.created_at desc, c.id desc limit ?`,
      [userId, userId, ...key.params, limit],
    );
    return rows.map((row) => em.map(Call, row));
  }

  async historyCount(em: Db, userId: string): Promise<number> {
    return (await sql<{ n: number }>(em, `select count(*)::int as n from calls c where ${mine}`, [userId, userId]))[0].n;
  }
}

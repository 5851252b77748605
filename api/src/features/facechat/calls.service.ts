import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { conflict, forbidden, invalid, notFound } from '../../graphql/errors.js';
import { fromGlobalId } from '../../graphql/ids.js';
import type { RoomAccessGrant } from './livekit.js';
import { inTransaction, type AfterCommit } from '../../lib/transaction.js';
import type { ServiceDeps } from '../../server/compose.js';
import type { NotificationsService } from '../notifications/index.js';
import { areFriends, isBlockedEither } from '../friends/index.js';
import { isParticipant } from './rooms.access.js';
import { Room } from './rooms.entity.js';
import { addMember, MAX_CAPACITY, MAX_TITLE, unavailable, type RoomsService } from './rooms.service.js';
import { Call, FINISHED, type CalleeResponse, type CallStatusValue } from './calls.entity.js';

export const MAX_CALLEES = 15;

/** `incomingCall` of a user, and `callUpdated` of every call a user takes part in. Payload: `{ callId }`. */
export const incomingCallTopic = (userId: string) => `incomingCall:${userId}`;
export const callTopic = (userId: string) => `calls:${userId}`;
export interface CallEvent { callId: string }

interface Locked { call: Call; calleeIds: string[]; responses: Map<string, CalleeResponse> }

/**
 * The call state machine. RINGING → ACCEPTED (a callee accepts) → ENDED (hung up, or the room emptied);
 * RINGING → DECLINED (every callee declined) | CANCELED (the caller hung up) | MISSED (nobody answered within
 * `config.callRingTimeoutMs`; every callee who did not answer gets MISSED_CALL). Every transition locks the call
 * row and checks its status, so concurrent answers, hang-ups, timers and webhooks settle on one outcome.
 *
 * The ring timeout is a timer in this process, armed by startCall; `resumeRinging()` (at start-up) re-arms the
 * timers of calls still ringing in the database, firing at once for those already overdue.
 */
export class CallsService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private notifications: NotificationsService | null = null;

  constructor(private readonly deps: ServiceDeps, private readonly rooms: RoomsService) {
    rooms.onEmptied((roomId, lastUserId) => this.roomEmptied(roomId, lastUserId));
  }

  /** Wiring done once the app's services exist (see facechat.ts). */
  install(notifications: NotificationsService): void {
    this.notifications = notifications;
  }

  async start(ctx: Context, callerId: string, calleeGlobalIds: string[]): Promise<{ call: Call; access: RoomAccessGrant }> {
    const field = ['calleeIds'];
    const raw = calleeGlobalIds.map((id) => fromGlobalId(id, 'User'));
    if (raw.some((id) => id === null)) throw invalid(field, 'Those are not all user ids.');
    const calleeIds = [...new Set(raw as string[])];
    if (calleeIds.includes(callerId)) throw invalid(field, 'You cannot call yourself.');
    if (calleeIds.length < 1 || calleeIds.length > MAX_CALLEES) throw invalid(field, `Call 1–${MAX_CALLEES} friends at a time.`);
    const found: { id: string; display_name: string }[] = await ctx.em.execute(
      'select id, display_name from users where id in (?)', [[...calleeIds, callerId]]);
    if (found.length !== calleeIds.length + 1) throw notFound('Some of those users do not exist.', field);
    for (const calleeId of calleeIds) {
      if (await isBlockedEither(ctx.em, callerId, calleeId) || !(await areFriends(ctx.em, callerId, calleeId))) {
        throw forbidden('You can only call your friends.', field);
      }
    }
    if (!this.rooms.livekit.enabled) throw unavailable('Video calls are not available on this server.');
    const callerName = found.find((u) => u.id === callerId)!.display_name;
    const room = Object.assign(new Room(), {
      ownerId: callerId, title: [...callerName].slice(0, MAX_TITLE).join(''), capacity: Math.min(MAX_CAPACITY, calleeIds.length + 1),
      visibility: 'PRIVATE', isCall: true,
    } satisfies Partial<Room>);
    await this.rooms.ensureLivekitRoom(room);

    const call = await inTransaction(ctx.em, async (tx, afterCommit) => {
      const now = new Date();
      tx.create(Room, { ...room, closedAt: null, createdAt: now, updatedAt: now });
      await tx.flush(); // the room first: no ORM relation tells the unit of work the order
      const created = tx.create(Call, { callerId, roomId: room.id, status: 'RINGING', createdAt: now, answeredAt: null, endedAt: null });
      await tx.flush();
      await tx.execute(
        `insert into call_callees (call_id, user_id, position, response)
           select ?, (c ->> 0)::uuid, (c ->> 1)::smallint, 'RINGING' from jsonb_array_elements(?::jsonb) as c`,
        [created.id, JSON.stringify(calleeIds.map((id, i) => [id, i]))]);
      await addMember(tx, room.id, callerId);
      afterCommit(() => {
        for (const calleeId of calleeIds) this.deps.pubsub.publish(incomingCallTopic(calleeId), { callId: created.id } satisfies CallEvent);
        this.publish(created.id, [callerId, ...calleeIds]);
        this.arm(created.id, this.deps.config.callRingTimeoutMs);
      });
      return created;
    });
    return { call, access: await this.rooms.accessFor(ctx.em, room.id, callerId) };
  }

  async accept(ctx: Context, viewerId: string, globalId: string): Promise<{ call: Call; access: RoomAccessGrant }> {
    const before = await this.lockedCall(ctx.em, globalId, viewerId, false);
    checkCanAnswer(before, viewerId);
    const room = await ctx.em.findOneOrFail(Room, { id: before.call.roomId });
    await this.rooms.ensureLivekitRoom(room);
    const call = await inTransaction(ctx.em, async (tx, afterCommit) => {
      const locked = await this.lockedCall(tx, globalId, viewerId, true);
      checkCanAnswer(locked, viewerId);
      const conn = tx;
      await conn.execute(
        `update call_callees set response = 'ACCEPTED', responded_at = coalesce(responded_at, now()) where call_id = ? and user_id = ?`,
        [locked.call.id, viewerId]);
      await conn.execute(`update calls set status = 'ACCEPTED', answered_at = coalesce(answered_at, now()) where id = ?`, [locked.call.id]);
      await addMember(tx, room.id, viewerId);
      if (locked.responses.get(viewerId) === 'RINGING') afterCommit(() => this.publish(locked.call.id, parties(locked)));
      return locked.call;
    });
    return { call: await this.reload(call.id), access: await this.rooms.accessFor(ctx.em, room.id, viewerId) };
  }

  async decline(ctx: Context, viewerId: string, globalId: string): Promise<Call> {
    const id = await inTransaction(ctx.em, async (tx, afterCommit) => {
      const locked = await this.lockedCall(tx, globalId, viewerId, true);
      if (locked.call.callerId === viewerId) throw forbidden('The caller hangs up with endCall.', ['callId']);
      if (FINISHED.includes(locked.call.status)) throw conflict('This call is over.', ['callId']);
      const response = locked.responses.get(viewerId);
      if (response === 'ACCEPTED') throw conflict('You are in this call: hang up with endCall.', ['callId']);
      if (response === 'MISSED') throw conflict('This call has stopped ringing.', ['callId']);
      if (response === 'RINGING') await this.declineLocked(tx, afterCommit, locked, viewerId);
      return locked.call.id;
    });
    return this.reload(id);
  }

  /** The caller: CANCELED while ringing, ENDED once on. A callee: declines while ringing, hangs up once on. */
  async end(ctx: Context, viewerId: string, globalId: string): Promise<Call> {
    const id = await inTransaction(ctx.em, async (tx, afterCommit) => {
      const locked = await this.lockedCall(tx, globalId, viewerId, true);
      const { call } = locked;
      if (FINISHED.includes(call.status)) return call.id;
      if (call.callerId === viewerId) {
        await this.finish(tx, afterCommit, locked, call.status === 'RINGING' ? 'CANCELED' : 'ENDED');
        return call.id;
      }
      const response = locked.responses.get(viewerId);
      if (response === 'RINGING') {
        await this.declineLocked(tx, afterCommit, locked, viewerId);
      } else if (response === 'ACCEPTED') {
        // Hanging up twice is no error; a callee who hung up may come back with acceptCall.
        if (await isParticipant(tx, call.roomId, viewerId)) await this.hangUp(tx, afterCommit, locked, viewerId);
      } else {
        throw conflict('You are not in this call.', ['callId']);
      }
      return call.id;
    });
    return this.reload(id);
  }

  /** Re-arms the ring timers of calls still ringing for someone (run once at start-up). */
  async resumeRinging(): Promise<void> {
    const rows: { id: string; created_at: Date }[] = await this.deps.orm.em.fork().execute(
      `select c.id, c.created_at from calls c where c.status in ('RINGING', 'ACCEPTED')
         and exists (select 1 from call_callees cc where cc.call_id = c.id and cc.response = 'RINGING')`);
    for (const row of rows) this.arm(row.id, new Date(row.created_at).getTime() + this.deps.config.callRingTimeoutMs - Date.now());
  }

  /** The ring timeout: callees still ringing missed it (MISSED_CALL each); a call nobody took is MISSED. */
  async ringTimeout(callId: string): Promise<void> {
    this.timers.delete(callId);
    await inTransaction(this.deps.orm.em.fork(), async (tx, afterCommit) => {
      const locked = await this.lockedById(tx, callId);
      if (!locked || FINISHED.includes(locked.call.status)) return;
      const { call } = locked;
      const missed: { user_id: string }[] = await tx.execute(
        `update call_callees set response = 'MISSED', responded_at = now() where call_id = ? and response = 'RINGING' returning user_id`, [call.id]);
      for (const { user_id } of missed) {
        await this.notifications!.notify(tx, afterCommit, {
          recipientId: user_id, type: 'MISSED_CALL', actorId: call.callerId, callId: call.id, roomId: call.roomId, dedupeKey: `missed-call:${call.id}`,
        });
      }
      if (call.status === 'RINGING') await this.finish(tx, afterCommit, locked, 'MISSED');
      else if (missed.length) afterCommit(() => this.publish(call.id, parties(locked)));
    });
  }

  /** Nobody is connected to a call's room any more: an accepted call ENDED; a ringing one the caller left is CANCELED. */
  async roomEmptied(roomId: string, lastUserId: string | null): Promise<void> {
    await inTransaction(this.deps.orm.em.fork(), async (tx, afterCommit) => {
      const [row] = await tx.execute('select id from calls where room_id = ?', [roomId]);
      const locked = row ? await this.lockedById(tx, row.id) : null;
      if (!locked) return;
      if (locked.call.status === 'ACCEPTED') await this.finish(tx, afterCommit, locked, 'ENDED');
      else if (locked.call.status === 'RINGING' && lastUserId === locked.call.callerId) await this.finish(tx, afterCommit, locked, 'CANCELED');
    });
  }

  private async declineLocked(tx: EntityManager, afterCommit: AfterCommit, locked: Locked, viewerId: string): Promise<void> {
    await tx.execute(
      `update call_callees set response = 'DECLINED', responded_at = now() where call_id = ? and user_id = ?`, [locked.call.id, viewerId]);
    locked.responses.set(viewerId, 'DECLINED');
    const everyoneDeclined = [...locked.responses.values()].every((r) => r === 'DECLINED');
    if (locked.call.status === 'RINGING' && everyoneDeclined) await this.finish(tx, afterCommit, locked, 'DECLINED');
    else afterCommit(() => this.publish(locked.call.id, parties(locked)));
  }

  /** A callee leaves an accepted call; when no callee who accepted is still in it, the call ENDED. */
  private async hangUp(tx: EntityManager, afterCommit: AfterCommit, locked: Locked, viewerId: string): Promise<void> {
    const { call } = locked;
    const conn = tx;
    await conn.execute('update room_members set left_at = now() where room_id = ? and user_id = ? and left_at is null', [call.roomId, viewerId]);
    await conn.execute('delete from room_presence where room_id = ? and user_id = ?', [call.roomId, viewerId]);
    const [{ n }] = await conn.execute(
      `select count(*)::int as n from call_callees cc where cc.call_id = ? and cc.response = 'ACCEPTED'
         and (exists (select 1 from room_members m where m.room_id = ? and m.user_id = cc.user_id and m.left_at is null)
           or exists (select 1 from room_presence p where p.room_id = ? and p.user_id = cc.user_id))`, [call.id, call.roomId, call.roomId]);
    if (n === 0) return this.finish(tx, afterCommit, locked, 'ENDED');
    afterCommit(() => {
      void this.rooms.livekit.removeParticipant(call.roomId, viewerId);
      this.rooms.publish(call.roomId);
      this.publish(call.id, parties(locked));
    });
  }

  private async finish(tx: EntityManager, afterCommit: AfterCommit, locked: Locked, status: CallStatusValue): Promise<void> {
    const { call } = locked;
    await tx.execute('update calls set status = ?, ended_at = now() where id = ?', [status, call.id]);
    await this.rooms.close(tx, afterCommit, call.roomId);
    afterCommit(() => {
      clearTimeout(this.timers.get(call.id));
      this.timers.delete(call.id);
      this.publish(call.id, parties(locked));
    });
  }

  private arm(callId: string, delayMs: number): void {
    clearTimeout(this.timers.get(callId));
    const timer = setTimeout(() => {
      this.ringTimeout(callId).catch((error) => this.deps.log.warn({ err: error, callId }, 'ring timeout failed'));
    }, Math.max(0, delayMs));
    timer.unref();
    this.timers.set(callId, timer);
  }

  private publish(callId: string, userIds: string[]): void {
    for (const userId of userIds) this.deps.pubsub.publish(callTopic(userId), { callId } satisfies CallEvent);
  }

  /** The call as committed (a fresh EntityManager: the request's one may hold an older copy). */
  private async reload(callId: string): Promise<Call> {
    const em = this.deps.orm.em.fork();
    const [row] = await em.execute('select * from calls where id = ?', [callId]);
    return em.map(Call, row);
  }

  /** The call of `globalId` with its callees, when the viewer takes part in it (NOT_FOUND otherwise). */
  private async lockedCall(em: EntityManager, globalId: string, viewerId: string, lock: boolean): Promise<Locked> {
    const rawId = fromGlobalId(globalId, 'Call');
    const locked = rawId ? await this.lockedById(em, rawId, lock) : null;
    if (!locked || (locked.call.callerId !== viewerId && !locked.responses.has(viewerId))) throw notFound('That call does not exist.', ['callId']);
    return locked;
  }

  private async lockedById(em: EntityManager, callId: string, lock = true): Promise<Locked | null> {
    const conn = em;
    const [row] = await conn.execute(`select * from calls where id = ? ${lock ? 'for update' : ''}`, [callId]);
    if (!row) return null;
    const callees: { user_id: string; response: CalleeResponse }[] = await conn.execute(
      'select user_id, response from call_callees where call_id = ? order by position', [callId]);
    return { call: em.map(Call, row), calleeIds: callees.map((c) => c.user_id), responses: new Map(callees.map((c) => [c.user_id, c.response])) };
  }
}

const parties = (locked: Locked) => [locked.call.callerId, ...locked.calleeIds];

function checkCanAnswer(locked: Locked, viewerId: string): void {
  if (locked.call.callerId === viewerId) throw forbidden('Only the people called can accept.', ['callId']);
  if (FINISHED.includes(locked.call.status)) throw conflict('This call is over.', ['callId']);
  const response = locked.responses.get(viewerId);
  if (response === 'DECLINED') throw conflict('You declined this call.', ['callId']);
  if (response === 'MISSED') throw conflict('This call has stopped ringing.', ['callId']);
}

import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Actor } from '../../kernel/actor.js';
import { inTransaction, type AfterCommit, type Db } from '../../kernel/db.js';
import { conflict, forbidden, invalid, notFound, unavailable } from '../../kernel/errors.js';
import type { EventBus } from '../../kernel/events.js';
import type { Jobs } from '../../kernel/jobs.js';
import { paginate, timeKey, type PageInput } from '../../kernel/pagination.js';
import type { NotificationsService } from '../notifications/index.js';
import { FINISHED, type Call, type CallStatusValue } from './calls.entity.js';
import type { CallsRepository, CallState } from './calls.repository.js';
import { callTopic, incomingCallTopic, type CallEvent } from './facechat.events.js';
import type { RoomAccessGrant } from './livekit.js';
import type { RoomsRepository } from './rooms.repository.js';
import { MAX_CAPACITY, MAX_TITLE, type RoomsService } from './rooms.service.js';

const MAX_CALLEES = 15;
/** The job that ends a call's ringing (kernel/jobs.ts), keyed by call id; data `{ callId }`. */
export const RING_TIMEOUT_JOB = 'ring-timeout';

export interface CallsCollaborators {
  repo: CallsRepository;
  roomsRepo: RoomsRepository;
  rooms: RoomsService;
  events: EventBus;
  notifications: Pick<NotificationsService, 'notify'>;
  friends: { areFriends(em: Db, a: string, b: string): Promise<boolean>; isBlockedEither(em: Db, a: string, b: string): Promise<boolean> };
  accounts: { profiles(em: Db, ids: string[]): Promise<{ id: string; displayName: string }[]> };
  ringTimeoutMs: number;
  /** Ring time-outs are jobs: durable and run by any instance when REDIS_URL is set. */
  jobs: Pick<Jobs, 'schedule' | 'cancel'>;
  log: Logger;
  /** A fresh EntityManager for work outside a request (timers, webhooks, reading what was committed). */
  newEm: () => Db;
}

/**
 * The call state machine. RINGING → ACCEPTED (a callee accepts) → ENDED (hung up, or the room emptied);
 * RINGING → DECLINED (every callee declined) | CANCELED (the caller hung up) | MISSED (nobody answered within
 * the ring timeout; every callee who did not answer gets MISSED_CALL). Every transition locks the call
 * row and checks its status, so concurrent answers, hang-ups, timers and webhooks settle on one outcome.
 *
 * The ring timeout is a job (RING_TIMEOUT_JOB, keyed by call id) scheduled by startCall and canceled once nobody
 * rings any more; `resumeRinging()` (server/bootstrap.ts, at start-up) schedules it again for calls still ringing in
 * the database (a no-op for those whose job is stored; overdue ones run at once), so in-memory jobs survive a restart.
 * `ringTimeout` settles under the row lock and notifies with a dedupe key, so running it twice changes nothing.
 * Part of FacechatService (not public).
 */
export class CallsService {
  constructor(private readonly c: CallsCollaborators) {}

  /** `calleeIds`: raw user ids (the resolver refuses malformed ones). */
  async start(actor: Actor, em: Db, calleeIdsIn: string[]): Promise<{ call: Call; access: RoomAccessGrant }> {
    const field = ['calleeIds'];
    const callerId = actor.id;
    const calleeIds = [...new Set(calleeIdsIn)];
    if (calleeIds.includes(callerId)) throw invalid(field, 'You cannot call yourself.');
    if (calleeIds.length < 1 || calleeIds.length > MAX_CALLEES) throw invalid(field, `Call 1–${MAX_CALLEES} friends at a time.`);
    const found = await this.c.accounts.profiles(em, [...calleeIds, callerId]);
    if (found.length !== calleeIds.length + 1) throw notFound('Some of those users do not exist.', field);
    for (const calleeId of calleeIds) {
      if ((await this.c.friends.isBlockedEither(em, callerId, calleeId)) || !(await this.c.friends.areFriends(em, callerId, calleeId))) {
        throw forbidden('You can only call your friends.', field);
      }
    }
    if (!this.c.rooms.livekit.enabled) throw unavailable('Video calls are not available on this server.');
    const callerName = found.find((u) => u.id === callerId)!.displayName;
    const room = {
      id: randomUUID(),
      ownerId: callerId,
      title: [...callerName].slice(0, MAX_TITLE).join(''),
      capacity: Math.min(MAX_CAPACITY, calleeIds.length + 1),
      visibility: 'PRIVATE' as const,
      isCall: true,
    };
    await this.c.rooms.ensureLivekitRoom(room);

    const call = await inTransaction(em, async (tx, afterCommit) => {
      await this.c.roomsRepo.insert(tx, room); // the room first: no ORM relation tells the unit of work the order
      const created = await this.c.repo.insert(tx, { callerId, roomId: room.id, calleeIds });
      await this.c.roomsRepo.addMember(tx, room.id, callerId);
      afterCommit(() => {
        for (const calleeId of calleeIds) this.c.events.publish(incomingCallTopic(calleeId), { callId: created.id } satisfies CallEvent);
        this.publish(created.id, [callerId, ...calleeIds]);
      });
      return created;
    });
    await this.scheduleRingTimeout(call.id, this.c.ringTimeoutMs);
    return { call, access: await this.c.rooms.accessFor(em, room.id, callerId) };
  }

  async accept(actor: Actor, em: Db, callId: string): Promise<{ call: Call; access: RoomAccessGrant }> {
    const before = await this.stateFor(em, callId, actor.id, false);
    checkCanAnswer(before, actor.id);
    const room = (await this.c.roomsRepo.findById(em, before.call.roomId))!;
    await this.c.rooms.ensureLivekitRoom(room);
    await inTransaction(em, async (tx, afterCommit) => {
      const locked = await this.stateFor(tx, callId, actor.id, true);
      checkCanAnswer(locked, actor.id);
      // A block with the caller or with anyone already in the call: refused (the first of a blocked pair to accept stays).
      const inCall = [locked.call.callerId, ...(await this.c.roomsRepo.participantIds(tx, room.id))];
      if (await this.c.roomsRepo.blockedWithAny(tx, actor.id, inCall))
        throw forbidden('You cannot join this call: you and someone in it blocked each other.', ['callId']);
      await this.c.repo.accept(tx, locked.call.id, actor.id);
      await this.c.roomsRepo.addMember(tx, room.id, actor.id);
      if (locked.responses.get(actor.id) === 'RINGING') {
        locked.responses.set(actor.id, 'ACCEPTED');
        afterCommit(() => this.publish(locked.call.id, parties(locked)));
        this.stopRingingIfAnswered(afterCommit, locked);
      }
    });
    return { call: await this.reload(callId), access: await this.c.rooms.accessFor(em, room.id, actor.id) };
  }

  async decline(actor: Actor, em: Db, callId: string): Promise<Call> {
    await inTransaction(em, async (tx, afterCommit) => {
      const locked = await this.stateFor(tx, callId, actor.id, true);
      if (locked.call.callerId === actor.id) throw forbidden('The caller hangs up with endCall.', ['callId']);
      if (FINISHED.includes(locked.call.status)) throw conflict('This call is over.', ['callId']);
      const response = locked.responses.get(actor.id);
      if (response === 'ACCEPTED') throw conflict('You are in this call: hang up with endCall.', ['callId']);
      if (response === 'MISSED') throw conflict('This call has stopped ringing.', ['callId']);
      if (response === 'RINGING') await this.declineLocked(tx, afterCommit, locked, actor.id);
    });
    return this.reload(callId);
  }

  /** The caller: CANCELED while ringing, ENDED once on. A callee: declines while ringing, hangs up once on. */
  async end(actor: Actor, em: Db, callId: string): Promise<Call> {
    await inTransaction(em, async (tx, afterCommit) => {
      const locked = await this.stateFor(tx, callId, actor.id, true);
      const { call } = locked;
      if (FINISHED.includes(call.status)) return;
      if (call.callerId === actor.id) return this.finish(tx, afterCommit, locked, call.status === 'RINGING' ? 'CANCELED' : 'ENDED');
      const response = locked.responses.get(actor.id);
      if (response === 'RINGING') {
        await this.declineLocked(tx, afterCommit, locked, actor.id);
      } else if (response === 'ACCEPTED') {
        // Hanging up twice is no error; a callee who hung up may come back with acceptCall.
        if (await this.c.roomsRepo.isParticipant(tx, call.roomId, actor.id)) await this.hangUp(tx, afterCommit, locked, actor.id);
      } else {
        throw conflict('You are not in this call.', ['callId']);
      }
    });
    return this.reload(callId);
  }

  /** The actor's call history, newest first. */
  history(actor: Actor, em: Db, page: PageInput) {
    return paginate({
      first: page.first,
      after: page.after,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => this.c.repo.history(em, actor.id, limit, after),
      keyOf: timeKey,
      count: () => this.c.repo.historyCount(em, actor.id),
    });
  }

  /**
   * After `blockerId` blocked `blockedId`: in every unfinished call of both, one of them leaves — the callee when
   * the other is the caller, else the blocked one — as if they declined (still ringing) or hung up (accepted).
   */
  async separate(blockerId: string, blockedId: string): Promise<void> {
    for (const callId of await this.c.repo.openCallsBetween(this.c.newEm(), blockerId, blockedId)) {
      await inTransaction(this.c.newEm(), async (tx, afterCommit) => {
        const locked = await this.c.repo.state(tx, callId, true);
        if (!locked || FINISHED.includes(locked.call.status)) return;
        const leaver = locked.call.callerId === blockedId ? blockerId : blockedId;
        const response = locked.responses.get(leaver);
        if (response === 'RINGING') await this.declineLocked(tx, afterCommit, locked, leaver);
        else if (response === 'ACCEPTED') await this.hangUp(tx, afterCommit, locked, leaver);
      });
    }
  }

  /** Schedules the ring timeout of calls still ringing for someone (run at start-up; idempotent). */
  async resumeRinging(): Promise<void> {
    for (const row of await this.c.repo.ringing(this.c.newEm()))
      await this.scheduleRingTimeout(row.id, row.createdAt.getTime() + this.c.ringTimeoutMs - Date.now());
  }

  /** The ring timeout: callees still ringing missed it (MISSED_CALL each); a call nobody took is MISSED. */
  async ringTimeout(callId: string): Promise<void> {
    await inTransaction(this.c.newEm(), async (tx, afterCommit) => {
      const locked = await this.c.repo.state(tx, callId, true);
      if (!locked || FINISHED.includes(locked.call.status)) return;
      const { call } = locked;
      const missed = await this.c.repo.missRinging(tx, call.id);
      for (const userId of missed) {
        await this.c.notifications.notify(tx, afterCommit, {
          recipientId: userId,
          type: 'MISSED_CALL',
          actorId: call.callerId,
          callId: call.id,
          roomId: call.roomId,
          dedupeKey: `missed-call:${call.id}`,
        });
      }
      // The job that runs this is the one that would be canceled: MISSED needs no cancel.
      if (call.status === 'RINGING') await this.finish(tx, afterCommit, locked, 'MISSED', false);
      else if (missed.length) afterCommit(() => this.publish(call.id, parties(locked)));
    });
  }

  /** Nobody is connected to a call's room any more: an accepted call ENDED; a ringing one the caller left is CANCELED. */
  async roomEmptied(roomId: string, lastUserId: string | null): Promise<void> {
    await inTransaction(this.c.newEm(), async (tx, afterCommit) => {
      const callId = await this.c.repo.callIdOfRoom(tx, roomId);
      const locked = callId ? await this.c.repo.state(tx, callId, true) : null;
      if (!locked) return;
      if (locked.call.status === 'ACCEPTED') await this.finish(tx, afterCommit, locked, 'ENDED');
      else if (locked.call.status === 'RINGING' && lastUserId === locked.call.callerId)
        await this.finish(tx, afterCommit, locked, 'CANCELED');
    });
  }

  /**
   * Staff end the room of a live call (moderation's endRoom), in `tx`: a ringing call is CANCELED, an accepted one
   * ENDED, which closes the room and tells caller and callees. False when the room holds no live call. The call is
   * locked before its room, as on every call path.
   */
  async endByStaff(tx: Db, afterCommit: AfterCommit, roomId: string): Promise<boolean> {
    const callId = await this.c.repo.callIdOfRoom(tx, roomId);
    const locked = callId ? await this.c.repo.state(tx, callId, true) : null;
    if (!locked || (locked.call.status !== 'RINGING' && locked.call.status !== 'ACCEPTED')) return false;
    await this.finish(tx, afterCommit, locked, locked.call.status === 'RINGING' ? 'CANCELED' : 'ENDED');
    return true;
  }

  private async declineLocked(tx: Db, afterCommit: AfterCommit, locked: CallState, userId: string): Promise<void> {
    await this.c.repo.decline(tx, locked.call.id, userId);
    locked.responses.set(userId, 'DECLINED');
    const everyoneDeclined = [...locked.responses.values()].every((r) => r === 'DECLINED');
    if (locked.call.status === 'RINGING' && everyoneDeclined) return this.finish(tx, afterCommit, locked, 'DECLINED');
    afterCommit(() => this.publish(locked.call.id, parties(locked)));
    this.stopRingingIfAnswered(afterCommit, locked);
  }

  /** A callee leaves an accepted call; when no callee who accepted is still in it, the call ENDED. */
  private async hangUp(tx: Db, afterCommit: AfterCommit, locked: CallState, userId: string): Promise<void> {
    const { call } = locked;
    await this.c.roomsRepo.markLeft(tx, call.roomId, userId);
    await this.c.roomsRepo.removePresence(tx, call.roomId, userId);
    if ((await this.c.repo.acceptedStillIn(tx, call.id, call.roomId)) === 0) return this.finish(tx, afterCommit, locked, 'ENDED');
    afterCommit(() => {
      void this.c.rooms.livekit.removeParticipant(call.roomId, userId);
      this.c.rooms.publish(call.roomId);
      this.publish(call.id, parties(locked));
    });
  }

  private async finish(tx: Db, afterCommit: AfterCommit, locked: CallState, status: CallStatusValue, cancelRing = true): Promise<void> {
    const { call } = locked;
    await this.c.repo.finish(tx, call.id, status);
    await this.c.rooms.close(tx, afterCommit, call.roomId);
    afterCommit(() => this.publish(call.id, parties(locked)));
    if (cancelRing) afterCommit(() => this.cancelRingTimeout(call.id));
  }

  /** Nobody rings any more (each callee answered, declined or missed it): the ring timeout has nothing left to do. */
  private stopRingingIfAnswered(afterCommit: AfterCommit, locked: CallState): void {
    if (![...locked.responses.values()].includes('RINGING')) afterCommit(() => this.cancelRingTimeout(locked.call.id));
  }

  /**
   * A call whose job could not be stored (Redis down) still rings: the failure is logged and the next start-up's
   * `resumeRinging` schedules it; the user's call is not refused for it.
   */
  private async scheduleRingTimeout(callId: string, delayMs: number): Promise<void> {
    try {
      await this.c.jobs.schedule(RING_TIMEOUT_JOB, { callId }, { key: callId, delayMs });
    } catch (error) {
      this.c.log.error({ err: error, callId }, 'could not schedule the ring timeout');
    }
  }

  /** A cancel that fails or loses the race with the run is harmless: `ringTimeout` then finds nothing to do. */
  private cancelRingTimeout(callId: string): void {
    this.c.jobs
      .cancel(RING_TIMEOUT_JOB, callId)
      .catch((error) => this.c.log.warn({ err: error, callId }, 'could not cancel the ring timeout'));
  }

  private publish(callId: string, userIds: string[]): void {
    for (const userId of userIds) this.c.events.publish(callTopic(userId), { callId } satisfies CallEvent);
  }

  /** The call as committed (a fresh EntityManager: the request's one may hold an older copy). */
  private async reload(callId: string): Promise<Call> {
    return (await this.c.repo.byId(this.c.newEm(), callId))!;
  }

  /** The call with its callees, when the actor takes part in it (NOT_FOUND otherwise). */
  private async stateFor(em: Db, callId: string, actorId: string, lock: boolean): Promise<CallState> {
    const locked = await this.c.repo.state(em, callId, lock);
    if (!locked || (locked.call.callerId !== actorId && !locked.responses.has(actorId)))
      throw notFound('That call does not exist.', ['callId']);
    return locked;
  }
}

const parties = (locked: CallState) => [locked.call.callerId, ...locked.calleeIds];

function checkCanAnswer(locked: CallState, actorId: string): void {
  if (locked.call.callerId === actorId) throw forbidden('Only the people called can accept.', ['callId']);
  if (FINISHED.includes(locked.call.status)) throw conflict('This call is over.', ['callId']);
  const response = locked.responses.get(actorId);
  if (response === 'DECLINED') throw conflict('You declined this call.', ['callId']);
  if (response === 'MISSED') throw conflict('This call has stopped ringing.', ['callId']);
}

import type { Logger } from 'pino';
import { type AfterCommit, type Db } from '../../kernel/db.js';
import { notFound } from '../../kernel/errors.js';
import type { EventBus } from '../../kernel/events.js';
import type { Jobs } from '../../kernel/jobs.js';
import type { NotificationsService } from '../notifications/index.js';
import type { Call, CallStatusValue } from './calls.entity.js';
import type { CallsRepository, CallState } from './calls.repository.js';
import { callTopic, type CallEvent } from './facechat.events.js';
import type { RoomsRepository } from './rooms.repository.js';
import type { RoomsService } from './rooms.service.js';

/**
 * The job that ends a ringing round of a call (kernel/jobs.ts); data `{ callId }`. Keyed by call id for the callees
 * rung when the call started, `<callId>:<ms>` for those rung later (inviteToCall): see `ringJobKey`.
 */
export const RING_TIMEOUT_JOB = 'ring-timeout';
/** The job that counts who is still in a call's room once someone's connection went (data `{ roomId }`). */
export const CALL_DEPARTURE_JOB = 'call-departure';

/** The ring-timeout job key of the round rung at `rangAt` (startCall's round: the call id, as before group calls). */
export function ringJobKey(call: { id: string; createdAt: Date }, rangAt: Date): string {
  return rangAt.getTime() === call.createdAt.getTime() ? call.id : `${call.id}:${rangAt.getTime()}`;
}

/** A 1:1 call (caller and one callee) that is over: whether it was answered, and for how long. */
export interface FinishedOneToOneCall {
  callId: string;
  callerId: string;
  calleeId: string;
  answered: boolean;
  durationSeconds: number | null;
}

/** Told after commit when a 1:1 call is over (direct messages log it in the pair's conversation). */
export interface CallLog {
  callFinished(call: FinishedOneToOneCall): Promise<void>;
}

export interface CallsCollaborators {
  repo: CallsRepository;
  roomsRepo: RoomsRepository;
  rooms: RoomsService;
  events: EventBus;
  notifications: Pick<NotificationsService, 'notify'>;
  friends: { areFriends(em: Db, a: string, b: string): Promise<boolean>; isBlockedEither(em: Db, a: string, b: string): Promise<boolean> };
  accounts: { profiles(em: Db, ids: string[]): Promise<{ id: string; displayName: string }[]> };
  ringTimeoutMs: number;
  /** A dropped connection's grace to come back before the call counts who is left (CALL_DEPARTURE_JOB). */
  rejoinGraceMs: number;
  /** Ring time-outs are jobs: durable and run by any instance when REDIS_URL is set. */
  jobs: Pick<Jobs, 'schedule' | 'cancel'>;
  log: Logger;
  /** A fresh EntityManager for work outside a request (timers, webhooks, reading what was committed). */
  newEm: () => Db;
  /** Hears of every finished 1:1 call (optional: nothing is logged without it). */
  callLog?: CallLog;
}

/**
 * The call state machine's transitions on a locked call (see CallsService), shared by what the people in the call do
 * (calls.service.ts) and by what ends a call from outside: blocks, suspensions, staff, LiveKit (calls.endings.ts).
 */
export abstract class CallTransitions {
  constructor(protected readonly c: CallsCollaborators) {}

  protected async declineLocked(tx: Db, afterCommit: AfterCommit, locked: CallState, userId: string): Promise<void> {
    await this.c.repo.decline(tx, locked.call.id, userId);
    locked.responses.set(userId, 'DECLINED');
    // They may have connected while it rang (hidden, see CallsService.prepareAnswer): gone with the answer.
    afterCommit(() => void this.c.rooms.livekit.removeParticipant(locked.call.roomId, userId));
    const responses = [...locked.responses.values()];
    // Nobody took a ringing call and nobody rings any more (some may have missed an earlier round): it is over.
    if (locked.call.status === 'RINGING' && !responses.some((r) => r === 'RINGING' || r === 'ACCEPTED'))
      return this.finish(tx, afterCommit, locked, responses.every((r) => r === 'DECLINED') ? 'DECLINED' : 'MISSED');
    afterCommit(() => this.publish(locked.call.id, parties(locked)));
    this.stopRingingIfAnswered(afterCommit, locked);
  }

  /**
   * `userId` leaves an accepted call (a callee hanging up, or anyone taken out of it). The call goes on while at least
   * two people remain in it — the caller and the callees who accepted, each still a member of the room or connected to
   * it — else it ENDED.
   */
  protected async leave(tx: Db, afterCommit: AfterCommit, locked: CallState, userId: string): Promise<void> {
    const { call } = locked;
    await this.c.roomsRepo.markLeft(tx, call.roomId, userId);
    await this.c.roomsRepo.removePresence(tx, call.roomId, userId);
    if ((await this.peopleStillIn(tx, locked, userId)) < 2) return this.finish(tx, afterCommit, locked, 'ENDED');
    afterCommit(() => {
      void this.c.rooms.livekit.removeParticipant(call.roomId, userId);
      this.c.rooms.publish(call.roomId);
      this.publish(call.id, parties(locked));
    });
  }

  /** The caller and the callees who accepted, each still a member of the call's room or connected to it. */
  protected async peopleStillIn(tx: Db, locked: CallState, leaverId?: string): Promise<number> {
    const { call } = locked;
    const callerStillIn = leaverId !== call.callerId && (await this.c.roomsRepo.isParticipant(tx, call.roomId, call.callerId));
    return (await this.c.repo.acceptedStillIn(tx, call.id, call.roomId)) + (callerStillIn ? 1 : 0);
  }

  protected async finish(tx: Db, afterCommit: AfterCommit, locked: CallState, status: CallStatusValue, cancelRing = true): Promise<void> {
    const { call } = locked;
    await this.c.repo.finish(tx, call.id, status);
    await this.c.rooms.close(tx, afterCommit, call.roomId);
    afterCommit(() => this.publish(call.id, parties(locked)));
    if (cancelRing) afterCommit(() => this.cancelRingTimeouts(locked));
    if (locked.calleeIds.length === 1) this.logOneToOne(afterCommit, locked, status);
  }

  /** Answered calls end as ENDED (they were ACCEPTED); every other ending of a 1:1 call is one nobody answered. */
  private logOneToOne(afterCommit: AfterCommit, locked: CallState, status: CallStatusValue): void {
    const { call } = locked;
    const answered = status === 'ENDED' && !!call.answeredAt;
    const finished: FinishedOneToOneCall = {
      callId: call.id,
      callerId: call.callerId,
      calleeId: locked.calleeIds[0],
      answered,
      durationSeconds: answered ? Math.max(0, Math.round((Date.now() - call.answeredAt!.getTime()) / 1000)) : null,
    };
    afterCommit(() => {
      this.c.callLog?.callFinished(finished).catch((error) => this.c.log.error({ err: error, callId: call.id }, 'could not log the call'));
    });
  }

  /** Nobody rings any more (each callee answered, declined or missed it): the ring timeouts have nothing left to do. */
  protected stopRingingIfAnswered(afterCommit: AfterCommit, locked: CallState): void {
    if (![...locked.responses.values()].includes('RINGING')) afterCommit(() => this.cancelRingTimeouts(locked));
  }

  /**
   * A call whose job could not be stored (Redis down) still rings: the failure is logged and the next start-up's
   * `resumeRinging` schedules it; the user's call is not refused for it.
   */
  protected async scheduleRingTimeout(call: { id: string; createdAt: Date }, rangAt: Date): Promise<void> {
    const callId = call.id;
    const delayMs = rangAt.getTime() + this.c.ringTimeoutMs - Date.now();
    try {
      await this.c.jobs.schedule(RING_TIMEOUT_JOB, { callId }, { key: ringJobKey(call, rangAt), delayMs });
    } catch (error) {
      this.c.log.error({ err: error, callId }, 'could not schedule the ring timeout');
    }
  }

  /** A cancel that fails or loses the race with the run is harmless: `ringTimeout` then finds nothing to do. */
  protected cancelRingTimeouts(locked: CallState): void {
    const { call } = locked;
    const keys = new Set([call.id, ...[...locked.rangAt.values()].map((rangAt) => ringJobKey(call, rangAt))]);
    for (const key of keys) {
      this.c.jobs
        .cancel(RING_TIMEOUT_JOB, key)
        .catch((error) => this.c.log.warn({ err: error, callId: call.id }, 'could not cancel the ring timeout'));
    }
  }

  protected publish(callId: string, userIds: string[]): void {
    for (const userId of userIds) this.c.events.publish(callTopic(userId), { callId } satisfies CallEvent);
  }

  /** The call as committed (a fresh EntityManager: the request's one may hold an older copy). */
  protected async reload(callId: string): Promise<Call> {
    return (await this.c.repo.byId(this.c.newEm(), callId))!;
  }

  /** The call with its callees, when the actor takes part in it (NOT_FOUND otherwise). */
  protected async stateFor(em: Db, callId: string, actorId: string, lock: boolean): Promise<CallState> {
    const locked = await this.c.repo.state(em, callId, lock);
    if (!locked || (locked.call.callerId !== actorId && !locked.responses.has(actorId)))
      throw notFound('That call does not exist.', ['callId']);
    return locked;
  }
}

export const parties = (locked: CallState) => [locked.call.callerId, ...locked.calleeIds];

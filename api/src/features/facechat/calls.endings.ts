import { inTransaction, type AfterCommit, type Db } from '../../kernel/db.js';
import { FINISHED } from './calls.entity.js';
import { CALL_DEPARTURE_JOB, CallTransitions, parties } from './calls.transitions.js';

/**
 * What ends or settles a call from outside the call: a block, a suspension, staff, LiveKit's empty room and the ring
 * timeout. Each locks the call row and checks its status first, like the call's own actions (calls.service.ts).
 */
export abstract class CallEndings extends CallTransitions {
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
        else if (response === 'ACCEPTED') await this.leave(tx, afterCommit, locked, leaver);
      });
    }
  }

  /**
   * A suspended user is taken out of every unfinished call, as if they had hung up, for the others' sake: a call they
   * placed that still rings is CANCELED; a ringing call to them counts as DECLINED for them (the state machine's "this
   * callee will not answer": the call is DECLINED once every callee declined — MISSED is the ring timeout's, and would
   * send a MISSED_CALL notice to someone who can no longer sign in); an accepted call goes on while two others remain
   * in it (`leave`), else it ENDED. Everyone in the call gets `callUpdated`.
   */
  async userSuspended(userId: string): Promise<void> {
    for (const callId of await this.c.repo.openCallsOf(this.c.newEm(), userId)) {
      await inTransaction(this.c.newEm(), async (tx, afterCommit) => {
        const locked = await this.c.repo.state(tx, callId, true);
        if (!locked || FINISHED.includes(locked.call.status)) return;
        if (locked.call.callerId === userId && locked.call.status === 'RINGING') return this.finish(tx, afterCommit, locked, 'CANCELED');
        const response = locked.call.callerId === userId ? 'ACCEPTED' : locked.responses.get(userId);
        if (response === 'RINGING') await this.declineLocked(tx, afterCommit, locked, userId);
        else if (response === 'ACCEPTED') await this.leave(tx, afterCommit, locked, userId);
      });
    }
  }

  /** Schedules the ring timeout of every ringing round still ringing in the database (run at start-up; idempotent). */
  async resumeRinging(): Promise<void> {
    for (const row of await this.c.repo.ringing(this.c.newEm())) await this.scheduleRingTimeout(row, row.rangAt);
  }

  /**
   * A ring timeout: callees rung at least the ring timeout ago and still ringing missed it (MISSED_CALL each, once per
   * round); a call nobody took and nobody rings any more is MISSED. Anyone rung later (inviteToCall) rings on until
   * their own round's job, which is scheduled again here in case it was lost.
   */
  async ringTimeout(callId: string): Promise<void> {
    await inTransaction(this.c.newEm(), async (tx, afterCommit) => {
      const locked = await this.c.repo.state(tx, callId, true);
      if (!locked || FINISHED.includes(locked.call.status)) return;
      const { call } = locked;
      const missed = await this.c.repo.missRinging(tx, call.id, new Date(Date.now() - this.c.ringTimeoutMs));
      for (const { userId, invitedBy, rangAt } of missed) {
        locked.responses.set(userId, 'MISSED');
        afterCommit(() => void this.c.rooms.livekit.removeParticipant(call.roomId, userId)); // connected while ringing
        await this.c.notifications.notify(tx, afterCommit, {
          recipientId: userId,
          type: 'MISSED_CALL',
          actorId: invitedBy,
          callId: call.id,
          roomId: call.roomId,
          dedupeKey: `missed-call:${call.id}:${rangAt.getTime()}`,
        });
      }
      const stillRinging = locked.calleeIds.filter((id) => locked.responses.get(id) === 'RINGING');
      // The job that runs this is the one that would be canceled: MISSED needs no cancel.
      if (call.status === 'RINGING' && !stillRinging.length) return this.finish(tx, afterCommit, locked, 'MISSED', false);
      if (missed.length) afterCommit(() => this.publish(call.id, parties(locked)));
      for (const rangAt of new Set(stillRinging.map((id) => locked.rangAt.get(id)!.getTime())))
        afterCommit(() => void this.scheduleRingTimeout(call, new Date(rangAt)));
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
   * Someone's connection to a call's room went while others are still connected. They may be coming back: LiveKit's
   * full reconnect is a new session under the same identity, whose participant_joined can arrive after the old one's
   * participant_left. So the call counts who is left (`someoneLeft`) only after the rejoin grace, as a job; hanging up
   * (endCall) ends a call at once.
   */
  async connectionLeft(roomId: string): Promise<void> {
    if (this.c.rejoinGraceMs <= 0) return this.someoneLeft(roomId);
    try {
      await this.c.jobs.schedule(CALL_DEPARTURE_JOB, { roomId }, { key: `${roomId}:${Date.now()}`, delayMs: this.c.rejoinGraceMs });
    } catch (error) {
      this.c.log.error({ err: error, roomId }, 'could not schedule the departure check: counting now');
      await this.someoneLeft(roomId);
    }
  }

  /**
   * Someone left a call's room (LiveKit let them go, or `leaveRoom`) and others are still connected: an accepted call
   * with fewer than two people still in it ENDED, as when they hang up (`leave`). Idempotent: it only counts.
   */
  async someoneLeft(roomId: string): Promise<void> {
    await inTransaction(this.c.newEm(), async (tx, afterCommit) => {
      const callId = await this.c.repo.callIdOfRoom(tx, roomId);
      const locked = callId ? await this.c.repo.state(tx, callId, true) : null;
      if (!locked || locked.call.status !== 'ACCEPTED') return;
      if ((await this.peopleStillIn(tx, locked)) < 2) await this.finish(tx, afterCommit, locked, 'ENDED');
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
}

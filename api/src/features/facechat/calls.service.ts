import { randomUUID } from 'node:crypto';
import type { Actor } from '../../kernel/actor.js';
import { inTransaction, type Db } from '../../kernel/db.js';
import { conflict, DomainError, ErrorCode, forbidden, invalid, notFound, unavailable, userError } from '../../kernel/errors.js';
import { paginate, timeKey, type PageInput } from '../../kernel/pagination.js';
import { FINISHED, type Call } from './calls.entity.js';
import { CallEndings } from './calls.endings.js';
import type { CallState } from './calls.repository.js';
import { parties } from './calls.transitions.js';
import { incomingCallTopic, type CallEvent } from './facechat.events.js';
import type { RoomAccessGrant } from './livekit.js';
import { MAX_CAPACITY, MAX_TITLE } from './rooms.settings.js';

const MAX_CALLEES = 15;

/**
 * The call state machine. RINGING → ACCEPTED (a callee accepts) → ENDED (hung up, or the room emptied);
 * RINGING → DECLINED (every callee declined) | CANCELED (the caller hung up) | MISSED (nobody answered within
 * the ring timeout; every callee who did not answer gets MISSED_CALL). Every transition locks the call
 * row and checks its status, so concurrent answers, hang-ups, timers and webhooks settle on one outcome.
 *
 * People in the call may ring more friends (inviteToCall, up to MAX_CAPACITY people); each ringing round times out
 * on its own. The ring timeout is a job per round (RING_TIMEOUT_JOB, keyed by call id for startCall's round and
 * `<callId>:<ms>` for later ones) canceled once nobody rings any more; `resumeRinging()` (server/bootstrap.ts, at
 * start-up) schedules them again for rounds still ringing in the database (a no-op for those whose job is stored;
 * overdue ones run at once), so in-memory jobs survive a restart.
 * `ringTimeout` settles under the row lock and notifies with a dedupe key, so running it twice changes nothing.
 * What the people in the call do is here; what ends a call from outside (blocks, suspensions, staff, LiveKit, the
 * ring timeout) is in calls.endings.ts, and the transitions both use in calls.transitions.ts.
 * Part of FacechatService (not public).
 */
export class CallsService extends CallEndings {
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
    await this.scheduleRingTimeout(call, call.createdAt);
    return { call, access: await this.c.rooms.accessFor(em, room.id, callerId) };
  }

  /**
   * Someone in a ringing or accepted call (the caller, or a callee who accepted and is still in it) rings more of their
   * friends. Those ringing or in the call already are skipped; those who declined, missed it or left ring again.
   * Refusals (nothing changes): CONFLICT (call over), FORBIDDEN (not in the call, not friends, blocks), FULL.
   */
  async invite(actor: Actor, em: Db, callId: string, userIdsIn: string[]): Promise<Call> {
    const field = ['input', 'userIds'];
    const userIds = [...new Set(userIdsIn)];
    if (userIds.includes(actor.id)) throw invalid(field, 'You cannot ring yourself.');
    if (userIds.length < 1 || userIds.length > MAX_CALLEES) throw invalid(field, `Ring 1–${MAX_CALLEES} friends at a time.`);
    await this.stateFor(em, callId, actor.id, false); // NOT_FOUND first for a call the actor is not part of
    if ((await this.c.accounts.profiles(em, userIds)).length !== userIds.length) throw notFound('Some of those users do not exist.', field);
    for (const userId of userIds) {
      if ((await this.c.friends.isBlockedEither(em, actor.id, userId)) || !(await this.c.friends.areFriends(em, actor.id, userId))) {
        throw forbidden('You can only ring your friends.', field);
      }
    }
    const rangAt = new Date();
    await inTransaction(em, async (tx, afterCommit) => {
      const locked = await this.stateFor(tx, callId, actor.id, true);
      const { call } = locked;
      if (FINISHED.includes(call.status)) throw conflict('This call is over.', ['input', 'callId']);
      const inCall = await this.c.roomsRepo.participantIds(tx, call.roomId);
      if ((call.callerId !== actor.id && locked.responses.get(actor.id) !== 'ACCEPTED') || !inCall.includes(actor.id))
        throw forbidden('Only the people in this call can ring others into it.', ['input', 'callId']);
      if (userIds.includes(call.callerId)) throw invalid(field, 'The caller is in this call already.');
      const toRing = userIds.filter((id) => {
        const response = locked.responses.get(id);
        return response !== 'RINGING' && !(response === 'ACCEPTED' && inCall.includes(id));
      });
      if (!toRing.length) return;
      const ringingOrIn = locked.calleeIds.filter((id) => ['RINGING', 'ACCEPTED'].includes(locked.responses.get(id)!));
      const people = new Set([call.callerId, ...inCall, ...ringingOrIn]);
      for (const userId of toRing) {
        if (await this.c.roomsRepo.blockedWithAny(tx, userId, [...people]))
          throw forbidden('Someone in this call and one of them blocked each other.', field);
      }
      const total = new Set([...people, ...toRing]).size;
      if (total > MAX_CAPACITY) throw new DomainError(userError(ErrorCode.FULL, `A call holds at most ${MAX_CAPACITY} people.`, field));
      await this.c.repo.ring(tx, call.id, toRing, actor.id, rangAt);
      const room = (await this.c.roomsRepo.lock(tx, call.roomId, 'update'))!;
      if (room.capacity < total) await this.c.roomsRepo.update(tx, room.id, { title: null, capacity: total, visibility: null });
      for (const userId of toRing) {
        if (!locked.responses.has(userId)) locked.calleeIds.push(userId);
        locked.responses.set(userId, 'RINGING');
        locked.rangAt.set(userId, rangAt);
      }
      afterCommit(() => {
        for (const userId of toRing) this.c.events.publish(incomingCallTopic(userId), { callId: call.id } satisfies CallEvent);
        this.publish(call.id, parties(locked));
        this.c.rooms.publish(call.roomId);
        void this.scheduleRingTimeout(call, rangAt);
      });
    });
    return this.reload(callId);
  }

  async accept(actor: Actor, em: Db, callId: string): Promise<{ call: Call; access: RoomAccessGrant; earlyConnectionPromoted: boolean }> {
    const before = await this.stateFor(em, callId, actor.id, false);
    checkCanAnswer(before, actor.id);
    const room = (await this.c.roomsRepo.findById(em, before.call.roomId))!;
    // LiveKit's room is made sure of while the answer is written (off the time to the first frame); the answer
    // commits only once it is there.
    const livekitRoom = this.c.rooms.ensureLivekitRoom(room);
    livekitRoom.catch(() => {}); // awaited below; a refusal before that must not leave it unhandled
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
      await livekitRoom;
    });
    const [call, access, earlyConnectionPromoted] = await Promise.all([
      this.reload(callId),
      this.c.rooms.accessFor(em, room.id, actor.id),
      this.promoteEarlyConnection(room.id, actor.id),
    ]);
    return { call, access, earlyConnectionPromoted };
  }

  /**
   * Instant connect: a callee whose call rings gets a token to connect at once, hidden and sending nothing (it may
   * subscribe; our client does once Accept is pressed: livekit.ts `RINGING`), so that accepting only switches their
   * media on (`promoteEarlyConnection`). Declining or missing leaves no trace for the others: hidden participants are
   * not shown, and presence ignores them.
   */
  async prepareAnswer(actor: Actor, em: Db, callId: string): Promise<{ call: Call; access: RoomAccessGrant }> {
    const state = await this.stateFor(em, callId, actor.id, false);
    checkCanAnswer(state, actor.id);
    if (state.responses.get(actor.id) !== 'RINGING') throw conflict('This call is not ringing for you.', ['callId']);
    const inCall = [state.call.callerId, ...(await this.c.roomsRepo.participantIds(em, state.call.roomId))];
    if (await this.c.roomsRepo.blockedWithAny(em, actor.id, inCall))
      throw forbidden('You cannot join this call: you and someone in it blocked each other.', ['callId']);
    return { call: state.call, access: await this.c.rooms.accessFor(em, state.call.roomId, actor.id, 'ringing') };
  }

  /**
   * After acceptCall committed: a callee connected early becomes a full participant, and present (LiveKit's
   * participant_joined came while they were hidden, and presence ignored it). Not connected: nothing to do.
   */
  private async promoteEarlyConnection(roomId: string, userId: string): Promise<boolean> {
    const sid = await this.c.rooms.livekit.promote(roomId, userId);
    if (sid && (await this.c.roomsRepo.presenceJoined(this.c.newEm(), roomId, userId, sid))) this.c.rooms.publish(roomId);
    return sid !== null;
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
        if (await this.c.roomsRepo.isParticipant(tx, call.roomId, actor.id)) await this.leave(tx, afterCommit, locked, actor.id);
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
}

function checkCanAnswer(locked: CallState, actorId: string): void {
  if (locked.call.callerId === actorId) throw forbidden('Only the people called can accept.', ['callId']);
  if (FINISHED.includes(locked.call.status)) throw conflict('This call is over.', ['callId']);
  const response = locked.responses.get(actorId);
  if (response === 'DECLINED') throw conflict('You declined this call.', ['callId']);
  if (response === 'MISSED') throw conflict('This call has stopped ringing.', ['callId']);
}

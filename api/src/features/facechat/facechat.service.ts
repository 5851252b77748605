import type { WebhookEvent } from 'livekit-server-sdk';
import type { Logger } from 'pino';
import type { Actor } from '../../kernel/actor.js';
import type { AfterCommit, Db } from '../../kernel/db.js';
import type { DailyCountRow } from '../../kernel/daily.js';
import { paginate, timeKey, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import type { ScreenshotPolicy } from '../media/index.js';
import type { Call } from './calls.entity.js';
import type { CalleeRow, CalleeStatusRow, CallsRepository } from './calls.repository.js';
import type { CallsService } from './calls.service.js';
import type { ChatMessage } from './chat.entity.js';
import type { ChatService } from './chat.service.js';
import type { LobbyEvent } from './facechat.events.js';
import type { FacechatStaffRepository, StaffRoomsFilter } from './facechat.staff.repository.js';
import { LivekitUnavailable, type RoomAccessGrant } from './livekit.js';
import type { RoomInvite, RoomInvites } from './room-invites.js';
import type { Room } from './rooms.entity.js';
import type { RoomCountRow, RoomUserRow } from './rooms.presence.repository.js';
import type { RoomsPresence } from './rooms.presence.js';
import type { RoomTagRow, RoomsRepository } from './rooms.repository.js';
import type { CreateRoomData, Departure, RoomsService, UpdateRoomData } from './rooms.service.js';

export interface FacechatParts {
  rooms: RoomsService;
  presence: RoomsPresence;
  invites: RoomInvites;
  calls: CallsService;
  chat: ChatService;
  roomsRepo: RoomsRepository;
  callsRepo: CallsRepository;
  staffRepo: FacechatStaffRepository;
  log: Logger;
}

const viewerOf = (actor: Actor | null) => actor?.id ?? null;

/**
 * Facechat — rooms, ringing calls and the in-room chat — behind one service (`services.facechat`).
 * The parts (RoomsService, CallsService, ChatService) are built in server/compose.ts and stay internal.
 * Implements media's ScreenshotPolicy (`assertMayCapture`, `recorded`); server/bootstrap.ts starts its
 * background work (`resumeRinging` and the `ringTimeout` job, `livekitStatus` for /readyz, `reconcilePresence`).
 */
export class FacechatService implements ScreenshotPolicy {
  constructor(private readonly p: FacechatParts) {}

  // Rooms
  createRoom(actor: Actor, em: Db, input: CreateRoomData): Promise<Room> {
    return this.p.rooms.create(actor, em, input);
  }
  updateRoom(actor: Actor, em: Db, input: UpdateRoomData): Promise<Room> {
    return this.p.rooms.update(actor, em, input);
  }
  /** Returns the raw id of the deleted room. */
  deleteRoom(actor: Actor, em: Db, roomId: string): Promise<string> {
    return this.p.rooms.delete(actor, em, roomId);
  }
  /** `invite`: the code of an invite link (createRoomInvite). */
  joinRoom(actor: Actor, em: Db, roomId: string, invite?: string | null): Promise<{ room: Room; access: RoomAccessGrant }> {
    return this.p.rooms.join(actor, em, roomId, invite);
  }
  createRoomInvite(actor: Actor, em: Db, roomId: string): Promise<RoomInvite> {
    return this.p.invites.create(actor, em, roomId);
  }

  async leaveRoom(actor: Actor, em: Db, roomId: string): Promise<Room> {
    const { room, departure } = await this.p.rooms.leave(actor, em, roomId);
    await this.departed(departure, true);
    return room;
  }

  lobby(actor: Actor | null, em: Db, input: PageInput & { query?: string | null }): Promise<ConnectionShape<Room>> {
    return this.p.rooms.lobby(viewerOf(actor), em, input);
  }

  /** How a lobby event shows in the viewer's lobby: the room is in it ('in'), is not ('out'), or is none of theirs (null). */
  async lobbyChange(actor: Actor | null, em: Db, event: LobbyEvent): Promise<'in' | 'out' | null> {
    const { roomsRepo } = this.p;
    if (!event.deleted) return roomsRepo.lobbyState(em, event.roomId, viewerOf(actor));
    return (await roomsRepo.couldSeeDeleted(em, viewerOf(actor), event.deleted.ownerId, event.deleted.visibility)) ? 'out' : null;
  }

  canSeeRoom(actor: Actor | null, em: Db, roomId: string): Promise<boolean> {
    return this.p.roomsRepo.canSee(em, roomId, viewerOf(actor));
  }
  /** Rooms by raw id, whoever asks (for callers who already checked, e.g. `Call.room`). */
  roomsByIds(em: Db, ids: readonly string[]): Promise<Room[]> {
    return this.p.roomsRepo.byIds(em, ids);
  }
  visibleRoomsByIds(actor: Actor | null, em: Db, ids: readonly string[]): Promise<Room[]> {
    return this.p.roomsRepo.visibleByIds(em, viewerOf(actor), ids);
  }
  roomTagLinks(em: Db, roomIds: readonly string[]): Promise<RoomTagRow[]> {
    return this.p.roomsRepo.tagLinks(em, roomIds);
  }
  /** Users connected to each room, earliest first; users blocked either way with the viewer left out. */
  presentUsers(actor: Actor | null, em: Db, roomIds: readonly string[]): Promise<RoomUserRow[]> {
    return this.p.roomsRepo.presentUsers(em, viewerOf(actor), roomIds);
  }
  presenceCounts(em: Db, roomIds: readonly string[]): Promise<RoomCountRow[]> {
    return this.p.roomsRepo.presenceCounts(em, roomIds);
  }
  /** The rooms among `roomIds` the actor is a participant of (joined and not left, or connected). */
  async participatingIn(actor: Actor | null, em: Db, roomIds: readonly string[]): Promise<string[]> {
    return actor ? this.p.roomsRepo.participatingIn(em, actor.id, roomIds) : [];
  }

  // Calls
  startCall(actor: Actor, em: Db, calleeIds: string[]): Promise<{ call: Call; access: RoomAccessGrant }> {
    return this.p.calls.start(actor, em, calleeIds);
  }
  acceptCall(actor: Actor, em: Db, callId: string): Promise<{ call: Call; access: RoomAccessGrant; earlyConnectionPromoted: boolean }> {
    return this.p.calls.accept(actor, em, callId);
  }
  prepareCallAnswer(actor: Actor, em: Db, callId: string): Promise<{ call: Call; access: RoomAccessGrant }> {
    return this.p.calls.prepareAnswer(actor, em, callId);
  }
  declineCall(actor: Actor, em: Db, callId: string): Promise<Call> {
    return this.p.calls.decline(actor, em, callId);
  }
  endCall(actor: Actor, em: Db, callId: string): Promise<Call> {
    return this.p.calls.end(actor, em, callId);
  }
  /** Rings more friends into a call (`userIds`: raw ids); see CallsService.invite. */
  inviteToCall(actor: Actor, em: Db, input: { callId: string; userIds: string[] }): Promise<Call> {
    return this.p.calls.invite(actor, em, input.callId, input.userIds);
  }
  callHistory(actor: Actor, em: Db, page: PageInput): Promise<ConnectionShape<Call>> {
    return this.p.calls.history(actor, em, page);
  }
  /** Calls by raw id that the actor takes part in (caller or callee). */
  async callsByIds(actor: Actor | null, em: Db, ids: readonly string[]): Promise<Call[]> {
    return actor ? this.p.callsRepo.ofParticipant(em, actor.id, ids) : [];
  }
  /** The callees of each call, in the order they were called. */
  callees(em: Db, callIds: readonly string[]): Promise<CalleeRow[]> {
    return this.p.callsRepo.calleesOf(em, callIds);
  }
  /** Each callee of each call with their answer, in the order they were rung (callers check the viewer sees the call). */
  calleeStatuses(em: Db, callIds: readonly string[]): Promise<CalleeStatusRow[]> {
    return this.p.callsRepo.calleeStatuses(em, callIds);
  }

  // Chat
  sendChatMessage(actor: Actor, em: Db, input: { roomId: string; body: string }): Promise<ChatMessage> {
    return this.p.chat.send(actor, em, input);
  }
  chatMessages(actor: Actor | null, em: Db, input: PageInput & { roomId: string }): Promise<ConnectionShape<ChatMessage>> {
    return this.p.chat.page(viewerOf(actor), em, input.roomId, input);
  }
  // Moderation (staff actions; the moderation feature checks the role and writes the log in the same transaction)
  /** Sets or clears (`by` null) a room's removal; a removed room's call ends at once. False when there is no such room. */
  async setRoomRemoved(tx: Db, afterCommit: AfterCommit, roomId: string, by: string | null): Promise<boolean> {
    if (!(await this.p.roomsRepo.setRemoved(tx, roomId, by))) return false;
    if (by) await this.p.rooms.close(tx, afterCommit, roomId);
    else afterCommit(() => this.p.rooms.publish(roomId));
    return true;
  }
  setChatMessageRemoved(tx: Db, messageId: string, by: string | null): Promise<boolean> {
    return this.p.chat.setRemoved(tx, messageId, by);
  }
  /** Disconnects everyone from the room's call (LiveKit, after commit) and closes it; false when there is no such room. */
  async endRoom(tx: Db, afterCommit: AfterCommit, roomId: string): Promise<boolean> {
    // A live call ends with its room (ringing or not), so nobody keeps ringing and both sides hear of it.
    if (await this.p.calls.endByStaff(tx, afterCommit, roomId)) return true;
    if (!(await this.p.roomsRepo.lock(tx, roomId, 'update'))) return false;
    await this.p.rooms.close(tx, afterCommit, roomId);
    return true;
  }

  chatMessagesByIds(actor: Actor | null, em: Db, ids: readonly string[]): Promise<ChatMessage[]> {
    return this.p.chat.byIds(viewerOf(actor), em, ids);
  }

  // Screenshots (media's ScreenshotPolicy)
  /** Throws FORBIDDEN unless the actor is a participant of the open room. */
  assertMayCapture(actor: Actor, em: Db, roomId: string): Promise<void> {
    return this.p.chat.assertMayCapture(actor, em, roomId);
  }
  /** In the screenshot's transaction: the SCREENSHOT chat line and the other participants' notifications. */
  recorded(tx: Db, afterCommit: AfterCommit, screenshot: { mediaId: string; roomId: string; actorId: string }): Promise<void> {
    return this.p.chat.recorded(tx, afterCommit, screenshot);
  }
  /** Who is in the room now: the people a screenshot of it may name. */
  participantIds(em: Db, roomId: string): Promise<string[]> {
    return this.p.chat.participantIds(em, roomId);
  }

  // Blocks and friendships (friends' events, subscribed in server/bootstrap.ts)
  /** `blockerId` blocked `blockedId`: each leaves the other's rooms and their calls together (see CallsService.separate). */
  async userBlocked(blockerId: string, blockedId: string): Promise<void> {
    await this.p.calls.separate(blockerId, blockedId);
    await this.p.rooms.evictBetween(blockerId, blockedId);
  }
  /** For the staff dashboard (the moderation feature checks the actor). */
  /** The staff console's rooms, newest first (the moderation feature checks the actor is staff). */
  staffRooms(em: Db, filter: StaffRoomsFilter, page: PageInput): Promise<ConnectionShape<Room>> {
    return paginate({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => this.p.staffRepo.rooms(em, filter, limit, after),
      keyOf: timeKey,
      count: () => this.p.staffRepo.countRooms(em, filter),
    });
  }
  /** A chat message among its neighbours, removed ones included (staff; the moderation feature checks the actor). */
  staffChatContext(em: Db, messageId: string, before: number, after: number): Promise<ChatMessage[]> {
    return this.p.staffRepo.chatContext(em, messageId, before, after);
  }
  /** Calls started per UTC day (the staff dashboard's chart). */
  dailyCalls(em: Db, days: number): Promise<DailyCountRow[]> {
    return this.p.staffRepo.dailyCalls(em, days);
  }
  statsNow(em: Db): Promise<{ callsToday: number; liveRooms: number; participantsLive: number }> {
    return this.p.roomsRepo.liveCounts(em);
  }
  /** A suspended account: the user leaves every call (CallsService.userSuspended) and room they are in, LiveKit included. */
  async userSuspended(userId: string): Promise<void> {
    await this.p.calls.userSuspended(userId);
    await this.p.rooms.evictEverywhere(userId);
  }
  /** `a` and `b` are no longer friends: each leaves the other's FRIENDS rooms. */
  friendshipEnded(a: string, b: string): Promise<void> {
    return this.p.rooms.evictBetween(a, b);
  }

  // LiveKit and background work
  /** False when no LiveKit server is configured (the webhook answers 503 then). */
  get webhooksEnabled(): boolean {
    return this.p.rooms.livekit.enabled;
  }
  /** The event of a signed, fresh webhook body; throws when the Authorization header is missing, forged or stale, or the event is old. */
  async verifyWebhook(body: string, authorization: string | undefined): Promise<WebhookEvent> {
    const event = await this.p.rooms.livekit.verifyWebhook(body, authorization);
    this.p.presence.assertFreshWebhook(event);
    return event;
  }

  /** LiveKit's webhooks keep presence; a call left with fewer than two people ends (a ringing one emptied is canceled). */
  async applyWebhook(event: WebhookEvent): Promise<void> {
    const departure = await this.p.presence.applyWebhook(event);
    if (departure) await this.departed(departure);
  }

  /**
   * Reconciles presence with LiveKit (at start-up and periodically): participants LiveKit no longer has stop being
   * shown; a call whose room emptied ends. LiveKit down or not configured: nothing changes (logged, never throws).
   */
  async reconcilePresence(): Promise<void> {
    if (!this.p.rooms.livekit.enabled) return;
    try {
      const { changed, departures } = await this.p.presence.reconcilePresence();
      if (changed) this.p.log.info({ rooms: changed }, 'presence reconciled with LiveKit');
      for (const departure of departures) await this.departed(departure);
    } catch (error) {
      if (error instanceof LivekitUnavailable) this.p.log.warn({ reason: error.message }, 'presence not reconciled: LiveKit is down');
      else this.p.log.error({ err: error }, 'presence reconciliation failed');
    }
  }

  /** Readiness of LiveKit (`state: 'disabled'` when not configured). */
  livekitStatus(): Promise<{ ok: boolean; state?: string; message?: string }> {
    return this.p.rooms.livekit.ping();
  }
  /** Schedules the ring time-outs of calls still ringing in the database (at start-up; idempotent). */
  resumeRinging(): Promise<void> {
    return this.p.calls.resumeRinging();
  }
  /** Runs the ring timeout of a call (the RING_TIMEOUT_JOB job; harmless when the call was settled meanwhile). */
  ringTimeout(callId: string): Promise<void> {
    return this.p.calls.ringTimeout(callId);
  }

  /** The CALL_DEPARTURE_JOB: after the rejoin grace, a call with fewer than two people still in it ENDED. */
  departureCheck(roomId: string): Promise<void> {
    return this.p.calls.someoneLeft(roomId);
  }

  /**
   * Someone left a room: a call in it may be over (calls.endings.ts) — at once when they left on purpose (`leaveRoom`),
   * after the rejoin grace when their connection went (they may be reconnecting).
   */
  private async departed({ roomId, lastUserId, empty }: Departure, onPurpose = false): Promise<void> {
    const calls = this.p.calls;
    const judged = empty ? calls.roomEmptied(roomId, lastUserId) : onPurpose ? calls.someoneLeft(roomId) : calls.connectionLeft(roomId);
    await judged.catch((error) => this.p.log.error({ err: error, roomId }, 'room departure handler failed'));
  }
}

import type { Actor } from '../../kernel/actor.js';
import { inTransaction, type AfterCommit, type Db } from '../../kernel/db.js';
import { badInput, DomainError, ErrorCode, ErrorCollector, forbidden, notFound, unavailable, userError } from '../../kernel/errors.js';
import type { EventBus } from '../../kernel/events.js';
import { toGlobalId } from '../../kernel/ids.js';
import { paginate, timeKey, type PageInput } from '../../kernel/pagination.js';
import { normaliseTag } from '../tags/index.js';
import type { CallsRepository } from './calls.repository.js';
import { publishRoomChange } from './facechat.events.js';
import { LivekitUnavailable, type LivekitGateway, type RoomAccessGrant } from './livekit.js';
import type { Room, RoomVisibilityValue } from './rooms.entity.js';
import type { RoomInvites } from './room-invites.js';
import type { RoomsRepository } from './rooms.repository.js';
import { checkCapacity, checkTags, checkTitle, DEFAULT_CAPACITY, MAX_CAPACITY } from './rooms.settings.js';

const MAX_LOBBY_QUERY = 100;

export interface CreateRoomData {
  title: string;
  tags?: string[] | null;
  capacity?: number | null;
  visibility?: RoomVisibilityValue | null;
}
export interface UpdateRoomData {
  roomId: string;
  title?: string | null;
  tags?: string[] | null;
  capacity?: number | null;
  visibility?: RoomVisibilityValue | null;
}
/** Someone left the room (`lastUserId`: who, null when LiveKit closed it); `empty`: nobody is connected any more. */
export interface Departure {
  roomId: string;
  lastUserId: string | null;
  empty: boolean;
}

export interface RoomsCollaborators {
  repo: RoomsRepository;
  calls: CallsRepository;
  livekit: LivekitGateway;
  events: EventBus;
  friends: { isBlockedEither(em: Db, a: string, b: string): Promise<boolean> };
  tags: { upsertTags(tx: Db, names: string[]): Promise<{ id: string }[]> };
  accounts: { profiles(em: Db, ids: string[]): Promise<{ id: string; username: string; displayName: string }[]> };
  invites: Pick<RoomInvites, 'verify'>;
  /** A fresh EntityManager for work outside a request (webhooks). */
  newEm: () => Db;
}

/** Rooms: settings, the lobby, joins and leaves (LiveKit presence: rooms.presence.ts). Part of FacechatService (not public). */
export class RoomsService {
  constructor(private readonly c: RoomsCollaborators) {}

  get livekit(): LivekitGateway {
    return this.c.livekit;
  }

  /** `deleted`: the room is gone (its last owner and visibility tell the lobbies who could see it). */
  publish(roomId: string, deleted?: Pick<Room, 'ownerId' | 'visibility'>): void {
    publishRoomChange(this.c.events, roomId, deleted && { ownerId: deleted.ownerId, visibility: deleted.visibility });
  }

  async create(actor: Actor, em: Db, input: CreateRoomData): Promise<Room> {
    const errors = new ErrorCollector();
    const title = checkTitle(input.title, errors);
    const tags = checkTags(input.tags ?? [], errors);
    const capacity = checkCapacity(input.capacity ?? DEFAULT_CAPACITY, errors);
    errors.throwIfAny();
    return inTransaction(em, async (tx, afterCommit) => {
      const room = await this.c.repo.insert(tx, {
        ownerId: actor.id,
        title,
        capacity,
        visibility: input.visibility ?? 'PUBLIC',
        isCall: false,
      });
      await this.c.repo.setTags(
        tx,
        room.id,
        (await this.c.tags.upsertTags(tx, tags)).map((t) => t.id),
        false,
      );
      afterCommit(() => this.publish(room.id));
      return room;
    });
  }

  async update(actor: Actor, em: Db, input: UpdateRoomData): Promise<Room> {
    const errors = new ErrorCollector();
    const title = input.title != null ? checkTitle(input.title, errors) : null;
    const tags = input.tags != null ? checkTags(input.tags, errors) : null;
    const capacity = input.capacity != null ? checkCapacity(input.capacity, errors) : null;
    errors.throwIfAny();
    return inTransaction(em, async (tx, afterCommit) => {
      const before = await this.ownRoom(tx, actor.id, input.roomId);
      const capacityChanged = capacity !== null && capacity !== before.capacity;
      const room = await this.c.repo.update(tx, before.id, { title, capacity, visibility: input.visibility || null });
      if (tags)
        await this.c.repo.setTags(
          tx,
          room.id,
          (await this.c.tags.upsertTags(tx, tags)).map((t) => t.id),
          true,
        );
      afterCommit(() => {
        this.publish(room.id);
        if (capacityChanged) void this.resizeLivekitRoom(room.id);
      });
      return room;
    });
  }

  /** Deletes the room with its chat; LiveKit disconnects everyone in it. A call's room goes with its call instead. */
  async delete(actor: Actor, em: Db, roomId: string): Promise<string> {
    return inTransaction(em, async (tx, afterCommit) => {
      const room = await this.ownRoom(tx, actor.id, roomId, true);
      await this.c.repo.delete(tx, room.id);
      afterCommit(() => {
        void this.c.livekit.deleteRoom(room.id);
        this.publish(room.id, room);
      });
      return room.id;
    });
  }

  /**
   * Checks visibility, blocks (with the owner and with everyone in the room) and capacity, makes sure the
   * LiveKit room exists, records the actor as a member and hands out a token. Refusals: NOT_FOUND,
   * FORBIDDEN, FULL, UNAVAILABLE (LiveKit not configured or not answering; nothing is recorded then).
   * `invite`: a code of room-invites.ts; the owner's lets anyone in (not only friends; blocks still refuse).
   */
  async join(actor: Actor, em: Db, roomId: string, invite?: string | null): Promise<{ room: Room; access: RoomAccessGrant }> {
    const { room } = await this.checkJoin(em, roomId, actor.id, false, invite);
    if (!this.c.livekit.enabled) throw unavailable('Video calls are not available on this server.');
    await this.ensureLivekitRoom(room);
    await inTransaction(em, async (tx) => {
      const { viaInvite } = await this.checkJoin(tx, roomId, actor.id, true, invite);
      await this.c.repo.addMember(tx, roomId, actor.id, viaInvite);
    });
    return { room, access: await this.accessFor(em, room.id, actor.id) };
  }

  /** The actor leaves: no longer a member, disconnected from LiveKit. Leaving a room one is not in is no error. */
  async leave(actor: Actor, em: Db, roomId: string): Promise<{ room: Room; departure: Departure }> {
    const room = await this.c.repo.findById(em, roomId);
    if (!room) throw notFound('That room does not exist (any more).', ['roomId']);
    const emptied = await inTransaction(em, async (tx, afterCommit) => {
      const wasLast = await this.c.repo.leave(tx, room.id, actor.id);
      afterCommit(() => {
        void this.c.livekit.removeParticipant(room.id, actor.id);
        this.publish(room.id);
      });
      return wasLast;
    });
    return { room, departure: { roomId: room.id, lastUserId: actor.id, empty: emptied } };
  }

  /**
   * After a block or an unfriending between `a` and `b`: each is removed from the other's open rooms they may no
   * longer see (blocked either way; a FRIENDS room of someone no longer a friend): membership, presence, LiveKit.
   */
  async evictBetween(a: string, b: string): Promise<void> {
    for (const [ownerId, userId] of [
      [a, b],
      [b, a],
    ]) {
      const em = this.c.newEm();
      for (const roomId of await this.c.repo.ownedRoomsWithParticipant(em, ownerId, userId)) {
        if (await this.c.repo.canSee(em, roomId, userId)) continue;
        await this.remove(em, roomId, userId);
      }
    }
  }

  /** A suspended user leaves every room and call room they are in (membership, presence, LiveKit). */
  async evictEverywhere(userId: string): Promise<void> {
    const em = this.c.newEm();
    for (const roomId of await this.c.repo.openRoomsWithParticipant(em, userId)) await this.remove(em, roomId, userId);
  }

  /** `userId` is no longer a member of the room nor present in it; LiveKit disconnects them. */
  async remove(em: Db, roomId: string, userId: string): Promise<void> {
    await inTransaction(em, async (tx, afterCommit) => {
      await this.c.repo.markLeft(tx, roomId, userId);
      await this.c.repo.removePresence(tx, roomId, userId);
      afterCommit(() => {
        void this.c.livekit.removeParticipant(roomId, userId);
        this.publish(roomId);
      });
    });
  }

  /** A join token for `userId` in `roomId` (LiveKit identity = raw user id). */
  async accessFor(em: Db, roomId: string, userId: string, kind: 'participant' | 'ringing' = 'participant'): Promise<RoomAccessGrant> {
    const [user] = await this.c.accounts.profiles(em, [userId]);
    try {
      return await this.c.livekit.token(
        roomId,
        { userId, globalId: toGlobalId('User', userId), username: user.username, displayName: user.displayName },
        kind,
      );
    } catch (error) {
      if (error instanceof LivekitUnavailable) throw unavailable(error.message);
      throw error;
    }
  }

  /**
   * Creates the LiveKit room for `room` (UNAVAILABLE when LiveKit is off or does not answer in time). A call's room
   * is made for MAX_CAPACITY people from the start: LiveKit keeps maxParticipants of a room that exists (createRoom
   * changes nothing then), and inviteToCall grows a call while people are in it. Seats are counted by the API anyway:
   * it hands out a token only to the people the call rang.
   */
  async ensureLivekitRoom(room: { id: string; capacity: number; isCall: boolean }): Promise<void> {
    try {
      await this.c.livekit.ensureRoom(room.id, room.isCall ? MAX_CAPACITY : room.capacity);
    } catch (error) {
      if (error instanceof LivekitUnavailable) throw unavailable(error.message);
      throw error;
    }
  }

  /** Closes a call's room in `tx`: nobody is a member or present any more; LiveKit drops everyone after commit. */
  async close(tx: Db, afterCommit: AfterCommit, roomId: string): Promise<void> {
    await this.c.repo.close(tx, roomId);
    afterCommit(() => {
      void this.c.livekit.deleteRoom(roomId);
      this.publish(roomId);
    });
  }

  /** The lobby: open rooms (not calls) the viewer may see, live ones first, then newest; `query` matches titles and tags. */
  lobby(viewerId: string | null, em: Db, input: PageInput & { query?: string | null }) {
    const text = (input.query ?? '').normalize('NFC').trim();
    if ([...text].length > MAX_LOBBY_QUERY) throw badInput(`The search text can be at most ${MAX_LOBBY_QUERY} characters.`, 'query');
    const lobby = this.c.repo.lobby(em, viewerId, text, normaliseTag(text));
    return paginate({
      first: input.first,
      after: input.after,
      cursorShape: ['number', 'string', 'string'],
      fetch: lobby.page,
      keyOf: (row) => [row.live, ...timeKey(row.room)],
      toNode: (row) => row.room,
      count: lobby.count,
    });
  }

  /** LiveKit keeps a room's maxParticipants: an empty LiveKit room is dropped so the next join recreates it. */
  private async resizeLivekitRoom(roomId: string): Promise<void> {
    const present = await this.c.repo.presenceCount(this.c.newEm(), roomId).catch(() => 1);
    if (!present) await this.c.livekit.deleteRoom(roomId);
  }

  /** The actor's own room, locked; call rooms and closed rooms cannot be edited (deleted: only closed non-call rooms). */
  private async ownRoom(tx: Db, actorId: string, roomId: string, forDelete = false): Promise<Room> {
    const room = await this.c.repo.lock(tx, roomId, 'update');
    if (!room) throw notFound('That room does not exist (any more).', ['id']);
    if (room.ownerId !== actorId) throw forbidden('Only the owner can change this room.', ['id']);
    if (room.isCall) throw forbidden("A call's room changes with the call: use endCall.", ['id']);
    if (room.closedAt && !forDelete) throw forbidden('This room is closed.', ['id']);
    return room;
  }

  /**
   * Every rule of joinRoom (see `join`); `lock` takes the room row for update so seats are counted once.
   * `viaInvite`: only the owner's invite lets the actor in (they would not see the room otherwise).
   */
  private async checkJoin(
    em: Db,
    roomId: string,
    actorId: string,
    lock: boolean,
    invite?: string | null,
  ): Promise<{ room: Room; viaInvite: boolean }> {
    const field = ['roomId'];
    const found = await this.c.repo.forJoin(em, roomId, actorId, lock);
    if (!found) throw notFound('That room does not exist (any more).', field);
    const { room, visible } = found;
    // A room staff removed does not exist for anyone else.
    if (room.removedAt && !visible) throw notFound('That room does not exist (any more).', field);
    if (room.closedAt) throw forbidden(room.isCall ? 'This call is over.' : 'This room is closed.', field);
    if (invite != null && room.isCall) throw forbidden('Invite links are not for calls.', ['invite']);
    const inviter = invite != null ? this.c.invites.verify(invite, room.id) : null;
    if (invite != null && !inviter) throw badInput('This invite link is not valid: it expired, or it is not for this room.', 'invite');
    const viaInvite = !visible && inviter?.inviterId === room.ownerId;
    if (room.ownerId !== actorId) {
      if (await this.c.friends.isBlockedEither(em, actorId, room.ownerId)) throw forbidden('You cannot join this room.', field);
      if (!visible && !viaInvite) {
        throw forbidden(
          room.visibility === 'FRIENDS'
            ? "Only the owner's friends can join this room."
            : 'This room is private: only the people invited can join.',
          field,
        );
      }
      if (room.isCall && (await this.c.calls.responseInRoom(em, room.id, actorId)) !== 'ACCEPTED') {
        throw forbidden('Answer the call first (acceptCall).', field);
      }
    }
    const holders = await this.c.repo.seatHolders(em, room.id);
    if (await this.c.repo.blockedWithAny(em, actorId, holders)) throw forbidden('You cannot join this room.', field);
    if (!holders.includes(actorId) && holders.length >= room.capacity) {
      throw new DomainError(userError(ErrorCode.FULL, `This room is full (${room.capacity} people).`, field));
    }
    return { room, viaInvite };
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { WebhookEvent } from 'livekit-server-sdk';
import type { Context } from '../../graphql/context.js';
import { DomainError, ErrorCollector, forbidden, notFound, userError } from '../../graphql/errors.js';
import { fromGlobalId, toGlobalId } from '../../graphql/ids.js';
import { LivekitGateway, LivekitUnavailable, type RoomAccessGrant } from './livekit.js';
import { inTransaction, type AfterCommit } from '../../lib/transaction.js';
import type { ServiceDeps } from '../../server/compose.js';
import { isBlockedEither } from '../friends/index.js';
import { isUuid } from '../../kernel/ids.js';
import { normaliseTags, upsertTags } from '../tags/index.js';
import { blockedWithAny, roomVisibleSql, seatHolders } from './rooms.access.js';
import { Room, type RoomVisibilityValue } from './rooms.entity.js';
import type { CreateRoomInput, UpdateRoomInput } from './rooms.types.js';

export const MAX_TITLE = 60;
export const MIN_CAPACITY = 2;
export const MAX_CAPACITY = 16;
export const DEFAULT_CAPACITY = 8;

/** `roomUpdated` events; `deleted` ends the subscription. */
export const roomTopic = (roomId: string) => `room:${roomId}`;
export interface RoomEvent { roomId: string; deleted?: boolean }

/** Told when nobody is connected to a room any more (`lastUserId`: who left last, null when LiveKit closed it). */
export type EmptiedListener = (roomId: string, lastUserId: string | null) => Promise<void>;

export const unavailable = (message: string) => new DomainError(userError('UNAVAILABLE', message));

export class RoomsService {
  readonly livekit: LivekitGateway;
  private readonly emptiedListeners: EmptiedListener[] = [];

  constructor(private readonly deps: ServiceDeps) {
    this.livekit = new LivekitGateway(deps.config.livekit, deps.log.child({ component: 'livekit' }));
  }

  onEmptied(listener: EmptiedListener): void {
    this.emptiedListeners.push(listener);
  }

  publish(roomId: string, deleted = false): void {
    this.deps.pubsub.publish(roomTopic(roomId), { roomId, deleted } satisfies RoomEvent);
  }

  async create(ctx: Context, viewerId: string, input: CreateRoomInput): Promise<Room> {
    const errors = new ErrorCollector();
    const title = checkTitle(input.title, errors);
    const tags = checkTags(input.tags ?? [], errors);
    const capacity = checkCapacity(input.capacity ?? DEFAULT_CAPACITY, errors);
    errors.throwIfAny();
    return inTransaction(ctx.em, async (tx) => {
      const now = new Date();
      const room = tx.create(Room, {
        ownerId: viewerId, title, capacity, visibility: (input.visibility ?? 'PUBLIC') as RoomVisibilityValue,
        isCall: false, closedAt: null, createdAt: now, updatedAt: now,
      });
      await tx.flush();
      await linkTags(tx, room.id, tags);
      return room;
    });
  }

  async update(ctx: Context, viewerId: string, globalId: string, input: UpdateRoomInput): Promise<Room> {
    const errors = new ErrorCollector();
    const title = input.title != null ? checkTitle(input.title, errors) : null;
    const tags = input.tags != null ? checkTags(input.tags, errors) : null;
    const capacity = input.capacity != null ? checkCapacity(input.capacity, errors) : null;
    errors.throwIfAny();
    return inTransaction(ctx.em, async (tx, afterCommit) => {
      const room = await ownRoom(tx, globalId, viewerId);
      const capacityChanged = capacity !== null && capacity !== room.capacity;
      if (title !== null) room.title = title;
      if (capacity !== null) room.capacity = capacity;
      if (input.visibility) room.visibility = input.visibility as RoomVisibilityValue;
      room.updatedAt = new Date();
      await tx.flush();
      if (tags) {
        await tx.execute('delete from room_tags where room_id = ?', [room.id]);
        await linkTags(tx, room.id, tags);
      }
      afterCommit(() => {
        this.publish(room.id);
        if (capacityChanged) void this.resizeLivekitRoom(room.id);
      });
      return room;
    });
  }

  /** Deletes the room with its chat; LiveKit disconnects everyone in it. A call's room goes with its call instead. */
  async delete(ctx: Context, viewerId: string, globalId: string): Promise<string> {
    return inTransaction(ctx.em, async (tx, afterCommit) => {
      const room = await ownRoom(tx, globalId, viewerId, true);
      await tx.execute('delete from rooms where id = ?', [room.id]);
      afterCommit(() => {
        void this.livekit.deleteRoom(room.id);
        this.publish(room.id, true);
      });
      return room.id;
    });
  }

  /**
   * Checks visibility, blocks (with the owner and with everyone in the room) and capacity, makes sure the
   * LiveKit room exists, records the viewer as a member and hands out a token. Refusals: NOT_FOUND,
   * FORBIDDEN, FULL, UNAVAILABLE (LiveKit not configured or not answering; nothing is recorded then).
   */
  async join(ctx: Context, viewerId: string, globalId: string): Promise<{ room: Room; access: RoomAccessGrant }> {
    const rawId = fromGlobalId(globalId, 'FacechatRoom');
    if (!rawId) throw notFound('That room does not exist.', ['roomId']);
    const room = await checkJoin(ctx.em, rawId, viewerId, false);
    if (!this.livekit.enabled) throw unavailable('Video calls are not available on this server.');
    await this.ensureLivekitRoom(room);
    await inTransaction(ctx.em, async (tx) => {
      await checkJoin(tx, rawId, viewerId, true);
      await addMember(tx, rawId, viewerId);
    });
    return { room, access: await this.accessFor(ctx.em, room.id, viewerId) };
  }

  /** The viewer leaves: no longer a member, disconnected from LiveKit. Leaving a room one is not in is no error. */
  async leave(ctx: Context, viewerId: string, globalId: string): Promise<Room> {
    const rawId = fromGlobalId(globalId, 'FacechatRoom');
    const room = rawId ? await ctx.em.findOne(Room, { id: rawId }) : null;
    if (!room) throw notFound('That room does not exist (any more).', ['roomId']);
    const emptied = await inTransaction(ctx.em, async (tx, afterCommit) => {
      const conn = tx;
      await conn.execute('update room_members set left_at = now() where room_id = ? and user_id = ? and left_at is null', [room.id, viewerId]);
      const removed = await conn.execute('delete from room_presence where room_id = ? and user_id = ? returning user_id', [room.id, viewerId]);
      const [{ n }] = await conn.execute('select count(*)::int as n from room_presence where room_id = ?', [room.id]);
      afterCommit(() => {
        void this.livekit.removeParticipant(room.id, viewerId);
        this.publish(room.id);
      });
      return removed.length > 0 && n === 0;
    });
    if (emptied) await this.fireEmptied(room.id, viewerId);
    return room;
  }

  /** A join token for `userId` in `roomId` (LiveKit identity = raw user id). */
  async accessFor(em: EntityManager, roomId: string, userId: string): Promise<RoomAccessGrant> {
    const [user] = await em.execute('select id, username, display_name from users where id = ?', [userId]);
    try {
      return await this.livekit.token(roomId, {
        userId, globalId: toGlobalId('User', userId), username: user.username, displayName: user.display_name,
      });
    } catch (error) {
      if (error instanceof LivekitUnavailable) throw unavailable(error.message);
      throw error;
    }
  }

  /** Creates the LiveKit room for `room` (UNAVAILABLE when LiveKit is off or does not answer in time). */
  async ensureLivekitRoom(room: { id: string; capacity: number }): Promise<void> {
    try {
      await this.livekit.ensureRoom(room.id, room.capacity);
    } catch (error) {
      if (error instanceof LivekitUnavailable) throw unavailable(error.message);
      throw error;
    }
  }

  /** Closes a call's room in `tx`: nobody is a member or present any more; LiveKit drops everyone after commit. */
  async close(tx: EntityManager, afterCommit: AfterCommit, roomId: string): Promise<void> {
    const conn = tx;
    await conn.execute('update rooms set closed_at = now(), updated_at = now() where id = ? and closed_at is null', [roomId]);
    await conn.execute('update room_members set left_at = now() where room_id = ? and left_at is null', [roomId]);
    await conn.execute('delete from room_presence where room_id = ?', [roomId]);
    afterCommit(() => {
      void this.livekit.deleteRoom(roomId);
      this.publish(roomId);
    });
  }

  /**
   * Keeps `room_presence` what LiveKit sees. Events of rooms or users this database does not know are ignored
   * (several API instances, e.g. test stacks, may share one LiveKit server).
   */
  async applyWebhook(event: WebhookEvent): Promise<void> {
    const roomId = event.room?.name;
    if (!isUuid(roomId)) return;
    const conn = this.deps.orm.em.fork();
    const identity = event.participant?.identity;
    const sid = event.participant?.sid ?? '';
    if (event.event === 'participant_joined' && isUuid(identity)) {
      const rows = await conn.execute(
        `insert into room_presence (room_id, user_id, participant_sid, joined_at)
           select r.id, u.id, ?, now() from rooms r, users u where r.id = ? and u.id = ? and r.closed_at is null
         on conflict (room_id, user_id) do update set participant_sid = excluded.participant_sid, joined_at = excluded.joined_at
         returning room_id`, [sid, roomId, identity]);
      if (rows.length) this.publish(roomId);
    } else if (event.event === 'participant_left' && isUuid(identity)) {
      const removed = await conn.execute(
        'delete from room_presence where room_id = ? and user_id = ? and participant_sid = ? returning user_id', [roomId, identity, sid]);
      if (!removed.length) return;
      await conn.execute('update room_members set left_at = now() where room_id = ? and user_id = ? and left_at is null', [roomId, identity]);
      const [{ n }] = await conn.execute('select count(*)::int as n from room_presence where room_id = ?', [roomId]);
      this.publish(roomId);
      if (n === 0) await this.fireEmptied(roomId, identity);
    } else if (event.event === 'room_finished') {
      const known = await conn.execute('select 1 from rooms where id = ?', [roomId]);
      if (!known.length) return;
      const finishedAt = event.createdAt ? new Date(Number(event.createdAt) * 1000) : new Date();
      await conn.execute('delete from room_presence where room_id = ?', [roomId]);
      await conn.execute('update room_members set left_at = now() where room_id = ? and left_at is null and joined_at < ?', [roomId, finishedAt]);
      this.publish(roomId);
      await this.fireEmptied(roomId, null);
    }
  }

  private async fireEmptied(roomId: string, lastUserId: string | null): Promise<void> {
    for (const listener of this.emptiedListeners) {
      await listener(roomId, lastUserId).catch((error) => this.deps.log.error({ err: error, roomId }, 'room emptied handler failed'));
    }
  }

  /** LiveKit keeps a room's maxParticipants: an empty LiveKit room is dropped so the next join recreates it. */
  private async resizeLivekitRoom(roomId: string): Promise<void> {
    const conn = this.deps.orm.em.fork();
    const present = await conn.execute('select 1 from room_presence where room_id = ? limit 1', [roomId]).catch(() => [1]);
    if (!present.length) await this.livekit.deleteRoom(roomId);
  }
}

function checkTitle(raw: string, errors: ErrorCollector): string {
  const title = String(raw ?? '').normalize('NFC').trim();
  const length = [...title].length;
  if (length < 1 || length > MAX_TITLE) errors.add('INVALID', `The title must be 1–${MAX_TITLE} characters.`, ['input', 'title']);
  return title;
}

function checkTags(raw: string[], errors: ErrorCollector): string[] {
  const { tags, error } = normaliseTags(raw);
  if (error) errors.add('INVALID', error, ['input', 'tags']);
  return tags;
}

function checkCapacity(capacity: number, errors: ErrorCollector): number {
  if (!Number.isInteger(capacity) || capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
    errors.add('INVALID', `A room holds ${MIN_CAPACITY}–${MAX_CAPACITY} people.`, ['input', 'capacity']);
  }
  return capacity;
}

async function linkTags(tx: EntityManager, roomId: string, names: string[]): Promise<void> {
  const tags = await upsertTags(tx, names);
  if (!tags.length) return;
  await tx.execute(
    `insert into room_tags (room_id, tag_id, position)
       select ?, (t ->> 0)::uuid, (t ->> 1)::smallint from jsonb_array_elements(?::jsonb) as t`,
    [roomId, JSON.stringify(tags.map((tag, i) => [tag.id, i]))]);
}

/** The viewer's own room, locked; call rooms and closed rooms cannot be edited (deleted: only closed non-call rooms). */
async function ownRoom(tx: EntityManager, globalId: string, viewerId: string, forDelete = false): Promise<Room> {
  const rawId = fromGlobalId(globalId, 'FacechatRoom');
  const [row] = rawId ? await tx.execute('select * from rooms where id = ? for update', [rawId]) : [];
  if (!row) throw notFound('That room does not exist (any more).', ['id']);
  const room = tx.map(Room, row);
  if (room.ownerId !== viewerId) throw forbidden('Only the owner can change this room.', ['id']);
  if (room.isCall) throw forbidden("A call's room changes with the call: use endCall.", ['id']);
  if (room.closedAt && !forDelete) throw forbidden('This room is closed.', ['id']);
  return room;
}

/** Records `userId` as joined (again) now. */
export async function addMember(tx: EntityManager, roomId: string, userId: string): Promise<void> {
  await tx.execute(
    `insert into room_members (room_id, user_id, joined_at, left_at) values (?, ?, now(), null)
     on conflict (room_id, user_id) do update set joined_at = now(), left_at = null`, [roomId, userId]);
}
/** Every rule of joinRoom (see `join`); `lock` takes the room row for update so seats are counted once. */
async function checkJoin(em: EntityManager, roomId: string, viewerId: string, lock: boolean): Promise<Room> {
  const field = ['roomId'];
  const conn = em;
  const visible = roomVisibleSql('r', viewerId);
  const [row] = await conn.execute(
    `select r.*, ${visible.sql} as _visible from rooms r where r.id = ? ${lock ? 'for update' : ''}`, [...visible.params, roomId]);
  if (!row) throw notFound('That room does not exist (any more).', field);
  const { _visible, ...columns } = row;
  const room = em.map(Room, columns);
  if (room.closedAt) throw forbidden(room.isCall ? 'This call is over.' : 'This room is closed.', field);
  if (room.ownerId !== viewerId) {
    if (await isBlockedEither(em, viewerId, room.ownerId)) throw forbidden('You cannot join this room.', field);
    if (!_visible) {
      throw forbidden(room.visibility === 'FRIENDS' ? "Only the owner's friends can join this room." : 'This room is private: only the people invited can join.', field);
    }
    if (room.isCall) {
      const [callee] = await conn.execute(
        'select cc.response from calls c join call_callees cc on cc.call_id = c.id where c.room_id = ? and cc.user_id = ?', [room.id, viewerId]);
      if (callee?.response !== 'ACCEPTED') throw forbidden('Answer the call first (acceptCall).', field);
    }
  }
  const holders = await seatHolders(em, room.id);
  if (await blockedWithAny(em, viewerId, holders)) throw forbidden('You cannot join this room.', field);
  if (!holders.includes(viewerId) && holders.length >= room.capacity) {
    throw new DomainError(userError('FULL', `This room is full (${room.capacity} people).`, field));
  }
  return room;
}

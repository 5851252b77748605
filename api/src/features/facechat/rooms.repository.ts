/**
 * SQL of rooms, their tags (`room_tags`), members (`room_members`) and LiveKit presence (`room_presence`).
 *
 * - See (lobby, `room`, chat history, `roomUpdated`, `chatMessageAdded`): the owner; anyone else not blocked
 *   either way with the owner, when the room is PUBLIC, FRIENDS and they are the owner's friend, or PRIVATE and
 *   they are a callee of the room's call; or a member who joined with the owner's invite link and has not left.
 *   Signed out: PUBLIC rooms only.
 * - Participant (chat, screenshots): joined (joinRoom / startCall / acceptCall) and not left since, or connected
 *   to the LiveKit room right now according to its webhooks.
 * - Seat holders (capacity): connected now, or joined within the token lifetime and not left
 *   (a token handed out holds a seat until it expires).
 */
import { eitherHidden, removedHiddenSql, suspendedHiddenSql } from '../accounts/index.js';
import { blockedSql, friendOfSql } from '../friends/index.js';
import { sql, jsonList, type Db } from '../../kernel/db.js';
import { isUuid } from '../../kernel/ids.js';
import { couldSeeDeletedRoom, lobbyQuery, lobbyStateOf } from './rooms.lobby.repository.js';
import { RoomsPresenceRepository } from './rooms.presence.repository.js';
import { Room, type RoomVisibilityValue } from './rooms.entity.js';

export interface RoomTagRow {
  roomId: string;
  tagId: string;
}
export interface NewRoom {
  ownerId: string;
  title: string;
  capacity: number;
  visibility: RoomVisibilityValue;
  isCall: boolean;
  id?: string;
}
export interface RoomChanges {
  title: string | null;
  capacity: number | null;
  visibility: RoomVisibilityValue | null;
}

const toRoom = (em: Db) => (row: Record<string, unknown>) => em.map(Room, row);

/**
 * SQL predicate for media: the screenshot `mediaAlias` was taken in a room the viewer is or was a participant of
 * (media's `node(id)` visibility; composed in server/compose.ts).
 */
export function screenshotSeenSql(mediaAlias: string, viewerId: string | null): { sql: string; params: unknown[] } {
  if (!isUuid(viewerId)) return { sql: 'false', params: [] };
  return {
    sql: `(${mediaAlias}.kind = 'SCREENSHOT' and ${mediaAlias}.room_id is not null and (
        exists (select 1 from room_members _sm where _sm.room_id = ${mediaAlias}.room_id and _sm.user_id = ?::uuid)
        or exists (select 1 from room_presence _sp where _sp.room_id = ${mediaAlias}.room_id and _sp.user_id = ?::uuid)))`,
    params: [viewerId, viewerId],
  };
}

/** SQL predicate: notification `alias` is about a room staff removed, and the viewer is not staff. */
export function removedRoomNoticeSql(alias: string, viewerId: string): { sql: string; params: unknown[] } {
  const room = removedHiddenSql('_rr', viewerId);
  return { sql: `exists (select 1 from rooms _rr where _rr.id = ${alias}.room_id and ${room.sql})`, params: room.params };
}

/** Rooms' own SQL; who is in which room (members, presence, webhooks) is inherited from RoomsPresenceRepository. */
export class RoomsRepository extends RoomsPresenceRepository {
  /** SQL predicate: room `alias` is visible to the viewer (see above). */
  visibleSql(alias: string, viewerId: string | null): { sql: string; params: unknown[] } {
    // A room removed by staff is hidden from everyone else, its owner and participants included.
    const removed = removedHiddenSql(alias, viewerId);
    const visible = this.visibleIgnoringRemoval(alias, viewerId);
    return { sql: `(not ${removed.sql} and ${visible.sql})`, params: [...removed.params, ...visible.params] };
  }

  private visibleIgnoringRemoval(alias: string, viewerId: string | null): { sql: string; params: unknown[] } {
    // Rooms of a suspended owner are hidden from everyone but staff.
    const suspended = suspendedHiddenSql(`${alias}.owner_id`, viewerId);
    if (!isUuid(viewerId))
      return { sql: `(${alias}.visibility = 'PUBLIC' and not ${alias}.is_call and not (${suspended.sql}))`, params: suspended.params };
    const blocked = eitherHidden(blockedSql(`${alias}.owner_id`, viewerId), suspended);
    const friend = friendOfSql(`${alias}.owner_id`, viewerId);
    return {
      sql: `(${alias}.owner_id = ?::uuid or (not (${blocked.sql}) and (
          (${alias}.visibility = 'PUBLIC' and not ${alias}.is_call)
          or (${alias}.visibility = 'FRIENDS' and ${friend.sql})
          or (${alias}.visibility = 'PRIVATE' and exists (select 1 from calls _rc join call_callees _rcc on _rcc.call_id = _rc.id
                where _rc.room_id = ${alias}.id and _rcc.user_id = ?::uuid))
          or (not ${alias}.is_call and exists (select 1 from room_members _im where _im.room_id = ${alias}.id
                and _im.user_id = ?::uuid and _im.via_invite and _im.left_at is null)))))`,
      params: [viewerId, ...blocked.params, ...friend.params, viewerId, viewerId],
    };
  }

  async canSee(em: Db, roomId: string, viewerId: string | null): Promise<boolean> {
    if (!isUuid(roomId)) return false;
    const visible = this.visibleSql('r', viewerId);
    return (await sql(em, `select 1 from rooms r where r.id = ? and ${visible.sql}`, [roomId, ...visible.params])).length > 0;
  }

  async byIds(em: Db, ids: readonly string[]): Promise<Room[]> {
    return ids.length ? em.find(Room, { id: { $in: [...ids] } }) : [];
  }

  async visibleByIds(em: Db, viewerId: string | null, ids: readonly string[]): Promise<Room[]> {
    const visible = this.visibleSql('r', viewerId);
    const rows = await sql<Record<string, unknown>>(em, `select r.* from rooms r where r.id in (?) and ${visible.sql}`, [
      [...ids],
      ...visible.params,
    ]);
    return rows.map(toRoom(em));
  }

  async findById(em: Db, roomId: string): Promise<Room | null> {
    return em.findOne(Room, { id: roomId });
  }

  /** The room row locked for update (edits) or for share (chat), or null. */
  async lock(tx: Db, roomId: string, mode: 'update' | 'share'): Promise<Room | null> {
    const [row] = await sql<Record<string, unknown>>(tx, `select * from rooms where id = ? for ${mode}`, [roomId]);
    return row ? tx.map(Room, row) : null;
  }

  /** The room with whether the viewer may see it; `lock` takes the row for update so seats are counted once. */
  async forJoin(em: Db, roomId: string, viewerId: string, lock: boolean): Promise<{ room: Room; visible: boolean } | null> {
    const visible = this.visibleSql('r', viewerId);
    const [row] = await sql<Record<string, unknown>>(
      em,
      `select r.*, ${visible.sql} as _visible from rooms r where r.id = ? ${lock ? 'for update' : ''}`,
      [...visible.params, roomId],
    );
    if (!row) return null;
    const { _visible, ...columns } = row;
    return { room: em.map(Room, columns), visible: Boolean(_visible) };
  }

  async insert(tx: Db, input: NewRoom): Promise<Room> {
    const now = new Date();
    const room = tx.create(Room, { ...input, closedAt: null, createdAt: now, updatedAt: now });
    await tx.flush();
    return room;
  }

  async update(tx: Db, roomId: string, changes: RoomChanges): Promise<Room> {
    const [row] = await sql<Record<string, unknown>>(
      tx,
      `update rooms set title = coalesce(?, title), capacity = coalesce(?::int, capacity), visibility = coalesce(?, visibility), updated_at = ?
        where id = ? returning *`,
      [changes.title, changes.capacity, changes.visibility, new Date(), roomId],
    );
    return tx.map(Room, row);
  }

  async delete(tx: Db, roomId: string): Promise<void> {
    await sql(tx, 'delete from rooms where id = ?', [roomId]);
  }

  /** Replaces the room's tags with `tagIds`, in that order. */
  async setTags(tx: Db, roomId: string, tagIds: string[], replace: boolean): Promise<void> {
    if (replace) await sql(tx, 'delete from room_tags where room_id = ?', [roomId]);
    if (!tagIds.length) return;
    await sql(
      tx,
      `insert into room_tags (room_id, tag_id, position)
         select ?, (t ->> 0)::uuid, (t ->> 1)::smallint from jsonb_array_elements(?::jsonb) as t`,
      [roomId, JSON.stringify(tagIds.map((id, i) => [id, i]))],
    );
  }

  async tagLinks(em: Db, roomIds: readonly string[]): Promise<RoomTagRow[]> {
    return sql<RoomTagRow>(
      em,
      'select room_id as "roomId", tag_id as "tagId" from room_tags where room_id in (?) order by room_id, position',
      [[...roomIds]],
    );
  }

  /** Records `userId` as joined (again) now; `viaInvite`: with an invite link (kept while they stay a member). */
  async addMember(tx: Db, roomId: string, userId: string, viaInvite = false): Promise<void> {
    await sql(
      tx,
      `insert into room_members (room_id, user_id, joined_at, left_at, via_invite) values (?, ?, now(), null, ?)
       on conflict (room_id, user_id) do update set joined_at = now(), left_at = null,
         via_invite = excluded.via_invite or (room_members.via_invite and room_members.left_at is null)`,
      [roomId, userId, viaInvite],
    );
  }

  /** `userId` leaves: no longer a member nor present. True when they were present and nobody is any more. */
  async leave(tx: Db, roomId: string, userId: string): Promise<boolean> {
    await this.markLeft(tx, roomId, userId);
    const removed = await sql(tx, 'delete from room_presence where room_id = ? and user_id = ? returning user_id', [roomId, userId]);
    return removed.length > 0 && (await this.presenceCount(tx, roomId)) === 0;
  }

  /** Sets or clears (`by` null) the staff removal of a room; false when there is no such room. */
  async setRemoved(tx: Db, roomId: string, by: string | null): Promise<boolean> {
    const rows = await sql<{ id: string }>(
      tx,
      'update rooms set removed_at = case when ?::uuid is null then null else now() end, removed_by_id = ? where id = ? returning id',
      [by, by, roomId],
    );
    return rows.length > 0;
  }

  /** Closes a call's room: nobody is a member or present any more. */
  async close(tx: Db, roomId: string): Promise<void> {
    await sql(tx, 'update rooms set closed_at = now(), updated_at = now() where id = ? and closed_at is null', [roomId]);
    await sql(tx, 'update room_members set left_at = now() where room_id = ? and left_at is null', [roomId]);
    await sql(tx, 'delete from room_presence where room_id = ?', [roomId]);
  }

  /** Calls started in the last 24 hours, open rooms with someone present, and people present (the staff dashboard). */
  async liveCounts(em: Db): Promise<{ callsToday: number; liveRooms: number; participantsLive: number }> {
    const [row] = await sql<{ callsToday: number; liveRooms: number; participantsLive: number }>(
      em,
      `select (select count(*)::int from calls where created_at > now() - interval '1 day') as "callsToday",
              (select count(distinct p.room_id)::int from room_presence p join rooms r on r.id = p.room_id where r.closed_at is null) as "liveRooms",
              (select count(distinct (p.room_id, p.user_id))::int from room_presence p join rooms r on r.id = p.room_id where r.closed_at is null)
                as "participantsLive"`,
    );
    return row;
  }

  /** Every open room or call room of which `userId` is a participant or where they are present. */
  async openRoomsWithParticipant(em: Db, userId: string): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      em,
      `select r.id from rooms r where r.closed_at is null
          and (exists (select 1 from room_presence p where p.room_id = r.id and p.user_id = ?)
            or exists (select 1 from room_members m where m.room_id = r.id and m.user_id = ? and m.left_at is null))`,
      [userId, userId],
    );
    return rows.map((r) => r.id);
  }

  /** Open rooms (not calls) owned by `ownerId` of which `userId` is a participant. */
  async ownedRoomsWithParticipant(em: Db, ownerId: string, userId: string): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      em,
      `select r.id from rooms r where r.owner_id = ? and r.closed_at is null and not r.is_call
          and (exists (select 1 from room_presence p where p.room_id = r.id and p.user_id = ?)
            or exists (select 1 from room_members m where m.room_id = r.id and m.user_id = ? and m.left_at is null))`,
      [ownerId, userId, userId],
    );
    return rows.map((r) => r.id);
  }

  /** True when `userId` and any of `others` blocked each other. */
  async blockedWithAny(em: Db, userId: string, others: string[]): Promise<boolean> {
    const ids = others.filter((id) => id !== userId && isUuid(id));
    if (!ids.length) return false;
    const blocked = blockedSql('o.id::uuid', userId);
    const rows = await sql(em, `select 1 from jsonb_array_elements_text(?::jsonb) as o(id) where ${blocked.sql} limit 1`, [
      jsonList(ids),
      ...blocked.params,
    ]);
    return rows.length > 0;
  }

  /** The lobby (rooms.lobby.repository.ts): open rooms the viewer may see, live ones first, then newest. */
  lobby(em: Db, viewerId: string | null, text: string, tag: string) {
    return lobbyQuery(em, this.visibleSql('r', viewerId), text, tag);
  }

  /** Whether room `roomId` is in the viewer's lobby now ('in'), visible but not in it ('out'), or neither (null). */
  lobbyState(em: Db, roomId: string, viewerId: string | null): Promise<'in' | 'out' | null> {
    return lobbyStateOf(em, roomId, this.visibleSql('r', viewerId));
  }

  /** Whether the viewer could see a room that is now deleted (its owner and visibility), for the lobby's live updates. */
  couldSeeDeleted(em: Db, viewerId: string | null, ownerId: string, visibility: RoomVisibilityValue): Promise<boolean> {
    return couldSeeDeletedRoom(em, viewerId, ownerId, visibility);
  }
}

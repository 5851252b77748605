/**
 * Who may see, join and talk in a room, as SQL so lists, loaders and checks agree.
 *
 * - See (lobby, `room`, chat history, `roomUpdated`, `chatMessageAdded`): the owner; anyone else not blocked
 *   either way with the owner, when the room is PUBLIC, FRIENDS and they are the owner's friend, or PRIVATE and
 *   they are a callee of the room's call. Signed out: PUBLIC rooms only.
 * - Participant (chat, screenshots): joined (joinRoom / startCall / acceptCall) and not left since, or connected
 *   to the LiveKit room right now according to its webhooks.
 * - Capacity: participants connected now plus those who joined within the token lifetime and have not left
 *   (a token handed out holds a seat until it expires).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { blockedSql } from '../friends/index.js';
import { isUuid } from '../../kernel/ids.js';
import { TOKEN_TTL_SECONDS } from './livekit.js';

export function roomVisibleSql(alias: string, viewerId: string | null): { sql: string; params: unknown[] } {
  if (!isUuid(viewerId)) return { sql: `(${alias}.visibility = 'PUBLIC' and not ${alias}.is_call)`, params: [] };
  const blocked = blockedSql(`${alias}.owner_id`, viewerId);
  return {
    sql: `(${alias}.owner_id = ?::uuid or (not (${blocked.sql}) and (
        (${alias}.visibility = 'PUBLIC' and not ${alias}.is_call)
        or (${alias}.visibility = 'FRIENDS' and exists (select 1 from friendships _rf where _rf.user_id = ${alias}.owner_id and _rf.friend_id = ?::uuid))
        or (${alias}.visibility = 'PRIVATE' and exists (select 1 from calls _rc join call_callees _rcc on _rcc.call_id = _rc.id
              where _rc.room_id = ${alias}.id and _rcc.user_id = ?::uuid)))))`,
    params: [viewerId, ...blocked.params, viewerId, viewerId],
  };
}

export async function canSeeRoom(em: EntityManager, roomId: string, viewerId: string | null): Promise<boolean> {
  if (!isUuid(roomId)) return false;
  const visible = roomVisibleSql('r', viewerId);
  const rows = await em.execute(`select 1 from rooms r where r.id = ? and ${visible.sql}`, [roomId, ...visible.params]);
  return rows.length > 0;
}

export async function isParticipant(em: EntityManager, roomId: string, userId: string): Promise<boolean> {
  if (!isUuid(roomId) || !isUuid(userId)) return false;
  const rows = await em.execute(
    `select 1 where exists (select 1 from room_presence where room_id = ? and user_id = ?)
        or exists (select 1 from room_members where room_id = ? and user_id = ? and left_at is null)`, [roomId, userId, roomId, userId]);
  return rows.length > 0;
}

/** Everyone who is a participant of the room (see above). */
export async function participantIds(em: EntityManager, roomId: string): Promise<string[]> {
  const rows: { user_id: string }[] = await em.execute(
    `select user_id from room_presence where room_id = ?
     union select user_id from room_members where room_id = ? and left_at is null`, [roomId, roomId]);
  return rows.map((r) => r.user_id);
}

/** Users holding a seat: connected, or joined within the token lifetime and not left. */
export async function seatHolders(em: EntityManager, roomId: string): Promise<string[]> {
  const rows: { user_id: string }[] = await em.execute(
    `select user_id from room_presence where room_id = ?
     union select user_id from room_members where room_id = ? and left_at is null and joined_at > now() - make_interval(secs => ?)`,
    [roomId, roomId, TOKEN_TTL_SECONDS]);
  return rows.map((r) => r.user_id);
}

/** True when `userId` and any of `others` blocked each other. */
export async function blockedWithAny(em: EntityManager, userId: string, others: string[]): Promise<boolean> {
  const ids = others.filter((id) => id !== userId && isUuid(id));
  if (!ids.length) return false;
  const rows = await em.execute(
    `select 1 from blocks where (blocker_id = ? and blocked_id in (?)) or (blocked_id = ? and blocker_id in (?)) limit 1`,
    [userId, ids, userId, ids]);
  return rows.length > 0;
}

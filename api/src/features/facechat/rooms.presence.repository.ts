/**
 * SQL of who is in which room: members (`room_members`), LiveKit presence (`room_presence`), seat holders and
 * the LiveKit webhook ids applied (`livekit_webhook_events`). RoomsRepository extends this class.
 */
import { blockedSql } from '../friends/index.js';
import { sql, type Db } from '../../kernel/db.js';
import { isUuid } from '../../kernel/ids.js';
import { TOKEN_TTL_SECONDS } from './livekit.js';

export interface RoomUserRow {
  roomId: string;
  userId: string;
}
export interface PresenceRow {
  roomId: string;
  userId: string;
  sid: string;
  joinedAt: Date;
}
export interface RoomCountRow {
  roomId: string;
  n: number;
}

export class RoomsPresenceRepository {
  async markLeft(tx: Db, roomId: string, userId: string): Promise<void> {
    await sql(tx, 'update room_members set left_at = now() where room_id = ? and user_id = ? and left_at is null', [roomId, userId]);
  }

  async removePresence(tx: Db, roomId: string, userId: string): Promise<void> {
    await sql(tx, 'delete from room_presence where room_id = ? and user_id = ?', [roomId, userId]);
  }

  async presenceCount(em: Db, roomId: string): Promise<number> {
    const [{ n }] = await sql<{ n: number }>(em, 'select count(*)::int as n from room_presence where room_id = ?', [roomId]);
    return n;
  }

  /**
   * Records a LiveKit webhook's id in `tx`; false when it was recorded before (a replay or a retry). Ids older than
   * `keepSeconds` are pruned first: such webhooks are refused as stale before they get here.
   */
  async recordWebhook(tx: Db, id: string, keepSeconds: number): Promise<boolean> {
    await sql(tx, 'delete from livekit_webhook_events where received_at < now() - make_interval(secs => ?)', [keepSeconds]);
    const rows = await sql(
      tx,
      'insert into livekit_webhook_events (id, received_at) values (?, now()) on conflict (id) do nothing returning id',
      [id],
    );
    return rows.length > 0;
  }

  /** LiveKit says the user connected; false when the room (open) or user is unknown here. */
  async presenceJoined(em: Db, roomId: string, userId: string, sid: string): Promise<boolean> {
    const rows = await sql(
      em,
      `insert into room_presence (room_id, user_id, participant_sid, joined_at)
         select r.id, u.id, ?, now() from rooms r, users u where r.id = ? and u.id = ? and r.closed_at is null
       on conflict (room_id, user_id) do update set participant_sid = excluded.participant_sid, joined_at = excluded.joined_at
       returning room_id`,
      [sid, roomId, userId],
    );
    return rows.length > 0;
  }

  /** LiveKit says that session left; false when it is not the session we know (older or unknown). */
  async presenceLeft(em: Db, roomId: string, userId: string, sid: string): Promise<boolean> {
    const removed = await sql(em, 'delete from room_presence where room_id = ? and user_id = ? and participant_sid = ? returning user_id', [
      roomId,
      userId,
      sid,
    ]);
    return removed.length > 0;
  }

  /** Every presence row: who this database believes is connected to which room, with the LiveKit session. */
  async allPresence(em: Db): Promise<PresenceRow[]> {
    return sql<PresenceRow>(
      em,
      'select room_id as "roomId", user_id as "userId", participant_sid as "sid", joined_at as "joinedAt" from room_presence',
    );
  }

  /** Removes one session's presence when it was recorded before `before` (a newer join is kept); true when removed. */
  async removeStalePresence(em: Db, row: { roomId: string; userId: string; sid: string }, before: Date): Promise<boolean> {
    const removed = await sql(
      em,
      'delete from room_presence where room_id = ? and user_id = ? and participant_sid = ? and joined_at < ? returning user_id',
      [row.roomId, row.userId, row.sid, before],
    );
    return removed.length > 0;
  }

  async exists(em: Db, roomId: string): Promise<boolean> {
    return (await sql(em, 'select 1 from rooms where id = ?', [roomId])).length > 0;
  }

  /** LiveKit closed the room: nobody is present; members who joined before that have left. */
  async finished(em: Db, roomId: string, finishedAt: Date): Promise<void> {
    await sql(em, 'delete from room_presence where room_id = ?', [roomId]);
    await sql(em, 'update room_members set left_at = now() where room_id = ? and left_at is null and joined_at < ?', [roomId, finishedAt]);
  }

  async isParticipant(em: Db, roomId: string, userId: string): Promise<boolean> {
    if (!isUuid(roomId) || !isUuid(userId)) return false;
    const rows = await sql(
      em,
      `select 1 where exists (select 1 from room_presence where room_id = ? and user_id = ?)
          or exists (select 1 from room_members where room_id = ? and user_id = ? and left_at is null)`,
      [roomId, userId, roomId, userId],
    );
    return rows.length > 0;
  }

  /** Everyone who is a participant of the room. */
  async participantIds(em: Db, roomId: string): Promise<string[]> {
    const rows = await sql<{ userId: string }>(
      em,
      `select user_id as "userId" from room_presence where room_id = ?
       union select user_id from room_members where room_id = ? and left_at is null`,
      [roomId, roomId],
    );
    return rows.map((r) => r.userId);
  }

  async seatHolders(em: Db, roomId: string): Promise<string[]> {
    const rows = await sql<{ userId: string }>(
      em,
      `select user_id as "userId" from room_presence where room_id = ?
       union select user_id from room_members where room_id = ? and left_at is null and joined_at > now() - make_interval(secs => ?)`,
      [roomId, roomId, TOKEN_TTL_SECONDS],
    );
    return rows.map((r) => r.userId);
  }

  /** Users connected to each room, earliest first, without those blocked either way with the viewer. */
  async presentUsers(em: Db, viewerId: string | null, roomIds: readonly string[]): Promise<RoomUserRow[]> {
    const hidden = blockedSql('p.user_id', viewerId);
    return sql<RoomUserRow>(
      em,
      `select p.room_id as "roomId", p.user_id as "userId" from room_presence p
        where p.room_id in (?) and not (${hidden.sql}) order by p.room_id, p.joined_at, p.user_id`,
      [[...roomIds], ...hidden.params],
    );
  }

  async presenceCounts(em: Db, roomIds: readonly string[]): Promise<RoomCountRow[]> {
    return sql<RoomCountRow>(
      em,
      'select room_id as "roomId", count(*)::int as n from room_presence where room_id in (?) group by room_id',
      [[...roomIds]],
    );
  }

  /** The rooms among `roomIds` of which `userId` is a participant. */
  async participatingIn(em: Db, userId: string, roomIds: readonly string[]): Promise<string[]> {
    const rows = await sql<{ roomId: string }>(
      em,
      `select room_id as "roomId" from room_presence where user_id = ? and room_id in (?)
       union select room_id from room_members where user_id = ? and left_at is null and room_id in (?)`,
      [userId, [...roomIds], userId, [...roomIds]],
    );
    return rows.map((r) => r.roomId);
  }
}

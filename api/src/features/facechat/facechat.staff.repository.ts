import { dailyCountsSql, type DailyCountRow } from '../../kernel/daily.js';
import { sql, type Db } from '../../kernel/db.js';
import { keysetSql } from '../../kernel/pagination.js';
import { containsPattern } from '../accounts/index.js';
import { ChatMessage } from './chat.entity.js';
import { Room } from './rooms.entity.js';

/** The staff console's filter on rooms: every room, calls' rooms and removed ones included. */
export interface StaffRoomsFilter {
  /** Lower-case text searched in the title and the owner's username or display name. */
  text: string | null;
  /** LIVE: open with someone connected; OPEN: not closed; CLOSED: closed; REMOVED: removed by staff. */
  state: 'LIVE' | 'OPEN' | 'CLOSED' | 'REMOVED' | null;
  ownerId: string | null;
}

function staffWhere(filter: StaffRoomsFilter): { sql: string; params: unknown[] } {
  const parts = ['true'];
  const params: unknown[] = [];
  const open = 'r.closed_at is null and r.removed_at is null';
  switch (filter.state) {
    case 'LIVE':
      parts.push(`${open} and exists (select 1 from room_presence _p where _p.room_id = r.id)`);
      break;
    case 'OPEN':
      parts.push(open);
      break;
    case 'CLOSED':
      parts.push('r.closed_at is not null and r.removed_at is null');
      break;
    case 'REMOVED':
      parts.push('r.removed_at is not null');
      break;
    default:
  }
  if (filter.ownerId) {
    parts.push('r.owner_id = ?');
    params.push(filter.ownerId);
  }
  if (filter.text) {
    const pattern = containsPattern(filter.text);
    parts.push(`(lower(r.title) like ? or exists (select 1 from users _ou where _ou.id = r.owner_id
      and (lower(_ou.username) like ? or lower(_ou.display_name) like ?)))`);
    params.push(pattern, pattern, pattern);
  }
  return { sql: parts.join(' and '), params };
}

/** The staff console's reads of rooms, chat and calls (the moderation feature checks the actor is staff). */
export class FacechatStaffRepository {
  /** Rooms newest first, keyset on (created_at, id). */
  async rooms(em: Db, filter: StaffRoomsFilter, limit: number, after: (string | number)[] | null): Promise<Room[]> {
    const where = staffWhere(filter);
    const key = keysetSql('r', after, 'desc');
    const rows = await sql<Record<string, unknown>>(
      em,
      `select r.* from rooms r where ${where.sql} and ${key.sql} order by r.created_at desc, r.id desc limit ?`,
      [...where.params, ...key.params, limit],
    );
    return rows.map((row) => em.map(Room, row));
  }

  async countRooms(em: Db, filter: StaffRoomsFilter): Promise<number> {
    const where = staffWhere(filter);
    return (await sql<{ n: number }>(em, `select count(*)::int as n from rooms r where ${where.sql}`, where.params))[0].n;
  }

  /** The message and up to `before` earlier and `after` later ones of its room, oldest first; empty when no such message. */
  async chatContext(em: Db, messageId: string, before: number, after: number): Promise<ChatMessage[]> {
    const rows = await sql<Record<string, unknown>>(
      em,
      `with target as (select * from chat_messages where id = ?)
       select * from (
         (select m.* from chat_messages m, target t where m.room_id = t.room_id and (m.created_at, m.id) < (t.created_at, t.id)
           order by m.created_at desc, m.id desc limit ?)
         union all (select * from target)
         union all
         (select m.* from chat_messages m, target t where m.room_id = t.room_id and (m.created_at, m.id) > (t.created_at, t.id)
           order by m.created_at, m.id limit ?)
       ) x order by x.created_at, x.id`,
      [messageId, before, after],
    );
    return rows.map((row) => em.map(ChatMessage, row));
  }

  /** Calls started on each of the last `days` UTC days (today included), oldest first. */
  dailyCalls(em: Db, days: number): Promise<DailyCountRow[]> {
    const query = dailyCountsSql('select created_at as at from calls', days);
    return sql<DailyCountRow>(em, query.sql, query.params);
  }
}

/**
 * SQL of the lobby. A room is in the lobby while it is open (not closed, not a call's room) and either someone is
 * connected to it, or it was made in the last NEW_ROOM_MINUTES and nobody has left it yet: a new room waits a while
 * for its first people, and a room everyone has left (or nobody came to) leaves the lobby instead of lingering as
 * "0 / 6". Visibility (`visible`, from RoomsRepository.visibleSql on alias `r`) is applied on top.
 */
import { blockedSql, friendOfSql } from '../friends/index.js';
import { tagNameLikeSql } from '../tags/index.js';
import { sql, type Db } from '../../kernel/db.js';
import { isUuid } from '../../kernel/ids.js';
import { timeKeyAfter } from '../../kernel/pagination.js';
import { Room, type RoomVisibilityValue } from './rooms.entity.js';

export const NEW_ROOM_MINUTES = 10;

type Fragment = { sql: string; params: unknown[] };
export interface LobbyRow {
  live: number;
  room: Room;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const LIVE = 'exists (select 1 from room_presence p where p.room_id = r.id)';
const IN_LOBBY = `(r.closed_at is null and not r.is_call and (${LIVE} or (r.created_at > now() - interval '${NEW_ROOM_MINUTES} minutes'
  and not exists (select 1 from room_members _lm where _lm.room_id = r.id and _lm.left_at is not null))))`;

/** The lobby's pages and count: rooms in it that the viewer may see, live ones first, then newest; `text` matches titles and tags. */
export function lobbyQuery(em: Db, visible: Fragment, text: string, tag: string) {
  const tagMatch = tagNameLikeSql('rt.tag_id', likePattern(tag || text.toLowerCase()));
  const match = text
    ? {
        sql: `and (r.title ilike ? or exists (select 1 from room_tags rt where rt.room_id = r.id and ${tagMatch.sql}))`,
        params: [likePattern(text), ...tagMatch.params],
      }
    : { sql: '', params: [] };
  const where = `${IN_LOBBY} and ${visible.sql} ${match.sql}`;
  const params = [...visible.params, ...match.params];
  return {
    page: async (limit: number, after: (string | number)[] | null): Promise<LobbyRow[]> => {
      const live = after ? Number(after[0]) : null;
      const [time, id] = timeKeyAfter(after ? after.slice(1) : null);
      const rows = await sql<Record<string, unknown>>(
        em,
        `select * from (
           select r.*, (${LIVE})::int as _live from rooms r where ${where}
         ) x
         where (?::int is null or (x._live, x.created_at, x.id) < (?::int, ?::timestamptz, ?::uuid))
         order by x._live desc, x.created_at desc, x.id desc limit ?`,
        [...params, live, live, time, id, limit],
      );
      return rows.map(({ _live, ...row }) => ({ live: Number(_live), room: em.map(Room, row) }));
    },
    count: async (): Promise<number> =>
      (await sql<{ n: number }>(em, `select count(*)::int as n from rooms r where ${where}`, params))[0].n,
  };
}

/** 'in': the room is in the viewer's lobby; 'out': the viewer may see it but it is not in the lobby; null: neither. */
export async function lobbyStateOf(em: Db, roomId: string, visible: Fragment): Promise<'in' | 'out' | null> {
  if (!isUuid(roomId)) return null;
  const [row] = await sql<{ inLobby: boolean }>(em, `select ${IN_LOBBY} as "inLobby" from rooms r where r.id = ? and ${visible.sql}`, [
    roomId,
    ...visible.params,
  ]);
  return row ? (row.inLobby ? 'in' : 'out') : null;
}

/** Whether the viewer could have seen a deleted lobby room (rooms with invite members are not told apart: PUBLIC and FRIENDS only). */
export async function couldSeeDeletedRoom(
  em: Db,
  viewerId: string | null,
  ownerId: string,
  visibility: RoomVisibilityValue,
): Promise<boolean> {
  if (!isUuid(viewerId)) return visibility === 'PUBLIC';
  if (viewerId === ownerId) return true;
  const blocked = blockedSql('o.owner_id', viewerId);
  const friend = friendOfSql('o.owner_id', viewerId);
  const rows = await sql(
    em,
    `select 1 from (select ?::uuid as owner_id) o where not (${blocked.sql}) and (?::text = 'PUBLIC' or (?::text = 'FRIENDS' and ${friend.sql}))`,
    [ownerId, ...blocked.params, visibility, visibility, ...friend.params],
  );
  return rows.length > 0;
}

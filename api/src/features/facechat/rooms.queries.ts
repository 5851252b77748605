import { GraphQLError } from 'graphql';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { fromGlobalId } from '../../graphql/ids.js';
import { paginate, type PageArgs } from '../../graphql/relay.js';
import { timeKeyAfter } from '../../kernel/pagination.js';
import { normaliseTag } from '../tags/index.js';
import { canSeeRoom, roomVisibleSql } from './rooms.access.js';
import { Room } from './rooms.entity.js';
import { roomTopic, type RoomEvent } from './rooms.service.js';

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The lobby: open rooms (not calls) the viewer may see, live ones (someone connected) first, then newest.
 * `query` matches the title (case-insensitive substring) or a tag name (substring, '#' optional).
 */
export function lobby(ctx: Context, page: PageArgs, query: string | null | undefined) {
  const text = (query ?? '').normalize('NFC').trim();
  if ([...text].length > 100) throw badInput('The search text can be at most 100 characters.', 'query');
  const visible = roomVisibleSql('r', ctx.viewer?.id ?? null);
  const tag = normaliseTag(text);
  const match = text
    ? {
        sql: `and (r.title ilike ? or exists (select 1 from room_tags rt join tags t on t.id = rt.tag_id where rt.room_id = r.id and t.name like ?))`,
        params: [likePattern(text), likePattern(tag || text.toLowerCase())],
      }
    : { sql: '', params: [] };
  const where = `r.closed_at is null and not r.is_call and ${visible.sql} ${match.sql}`;
  const params = [...visible.params, ...match.params];
  const conn = ctx.em;
  return paginate({
    ...page,
    cursorShape: ['number', 'string', 'string'],
    fetch: async (limit, after) => {
      const live = after ? Number(after[0]) : null;
      const [time, id] = timeKeyAfter(after ? after.slice(1) : null);
      const rows = await conn.execute(
        `select * from (
           select r.*, (exists (select 1 from room_presence p where p.room_id = r.id))::int as _live from rooms r where ${where}
         ) x
         where (?::int is null or (x._live, x.created_at, x.id) < (?::int, ?::timestamptz, ?::uuid))
         order by x._live desc, x.created_at desc, x.id desc limit ?`,
        [...params, live, live, time, id, limit]);
      return rows.map(({ _live, ...row }) => ({ live: Number(_live), room: ctx.em.map(Room, row) }));
    },
    keyOf: (row) => [row.live, row.room.createdAt.toISOString(), row.room.id],
    toNode: (row) => row.room,
    count: async () => (await conn.execute(`select count(*)::int as n from rooms r where ${where}`, params))[0].n,
  });
}

/** Events of one room for a viewer who may see it; ends when the room is deleted. */
export async function roomEvents(ctx: Context, globalId: string): Promise<AsyncGenerator<RoomEvent>> {
  const rawId = fromGlobalId(globalId, 'FacechatRoom');
  const viewerId = ctx.viewer?.id ?? null;
  if (!rawId || !(await canSeeRoom(ctx.em, rawId, viewerId))) {
    throw new GraphQLError('That room does not exist or is not open to you.', { extensions: { code: 'NOT_FOUND' } });
  }
  const source = ctx.pubsub.subscribe<RoomEvent>(roomTopic(rawId), ctx);
  return (async function* () {
    for await (const event of source) {
      if (event.deleted) return;
      if (await canSeeRoom(ctx.em, rawId, viewerId)) yield event;
    }
  })();
}

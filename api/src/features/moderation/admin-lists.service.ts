import type { Actor } from '../../kernel/actor.js';
import type { Db } from '../../kernel/db.js';
import { badInput } from '../../kernel/errors.js';
import { strictPageSize, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import { requireStaff } from './staff.js';

export type ContentStatusValue = 'VISIBLE' | 'REMOVED';
export type AdminRoomStateValue = 'LIVE' | 'OPEN' | 'CLOSED' | 'REMOVED';

export interface AdminPostsInput extends PageInput {
  query: string | null;
  status: ContentStatusValue | null;
  authorId: string | null;
  tag: string | null;
}
export interface AdminCommentsInput extends PageInput {
  query: string | null;
  status: ContentStatusValue | null;
  authorId: string | null;
  postId: string | null;
}
export interface AdminRoomsInput extends PageInput {
  query: string | null;
  state: AdminRoomStateValue | null;
  ownerId: string | null;
}
export interface AdminTagsInput extends PageInput {
  query: string | null;
}

export interface DailyStatShape {
  day: string;
  newUsers: number;
  activeUsers: number;
  posts: number;
  calls: number;
  reports: number;
}
/** Per-day counts of one feature for the last `days` UTC days (keyed by 'YYYY-MM-DD'); merged in `dailyStats`. */
export type DailyStatsSource = (em: Db, days: number) => Promise<(Partial<DailyStatShape> & { day: string })[]>;

export const MAX_CONTEXT = 20;
const DEFAULT_CONTEXT = 5;

function contextSize(value: number | null, argument: string): number {
  if (value === null) return DEFAULT_CONTEXT;
  if (!Number.isInteger(value) || value < 0 || value > MAX_CONTEXT) {
    throw badInput(`\`${argument}\` must be a whole number from 0 to ${MAX_CONTEXT}.`, argument);
  }
  return value;
}

/** What each feature lends the console (passed in by server/compose.ts; these never check the actor). */
export interface AdminSources {
  posts: { staffList(actor: Actor, em: Db, input: AdminPostsFilter, page: PageInput): Promise<ConnectionShape<object>> };
  comments: { staffList(em: Db, filter: AdminCommentsFilter, page: PageInput): Promise<ConnectionShape<object>> };
  facechat: {
    staffRooms(em: Db, filter: AdminRoomsFilter, page: PageInput): Promise<ConnectionShape<object>>;
    staffChatContext(em: Db, messageId: string, before: number, after: number): Promise<object[]>;
  };
  tags: { staffList(em: Db, text: string | null, page: PageInput): Promise<ConnectionShape<object>> };
}
type AdminPostsFilter = Omit<AdminPostsInput, 'query' | keyof PageInput> & { text: string | null };
type AdminCommentsFilter = Omit<AdminCommentsInput, 'query' | keyof PageInput> & { text: string | null };
type AdminRoomsFilter = Omit<AdminRoomsInput, 'query' | keyof PageInput> & { text: string | null };

/** The lists' lower-case search text (at most 100 characters), or null for no search. */
function searchText(query: string | null): string | null {
  const text = (query ?? '').trim().toLowerCase();
  if ([...text].length > 100) throw badInput('The search text can be at most 100 characters.', 'query');
  return text || null;
}

/** The page asked for; over 100 (or negative) is BAD_USER_INPUT, as a bad cursor is. */
const pageOf = (input: PageInput): PageInput => {
  strictPageSize(input.first);
  return { first: input.first, after: input.after };
};

/** Staff only: the admin console's lists (each asked of its owning feature) and its daily chart. */
export class AdminListsService<S extends AdminSources = AdminSources> {
  constructor(
    private readonly sources: S,
    private readonly dailySources: readonly DailyStatsSource[],
  ) {}

  posts(actor: Actor, em: Db, input: AdminPostsInput): ReturnType<S['posts']['staffList']> {
    requireStaff(actor);
    const filter = { text: searchText(input.query), status: input.status, authorId: input.authorId, tag: input.tag };
    return this.sources.posts.staffList(actor, em, filter, pageOf(input)) as ReturnType<S['posts']['staffList']>;
  }

  comments(actor: Actor, em: Db, input: AdminCommentsInput): ReturnType<S['comments']['staffList']> {
    requireStaff(actor);
    const filter = { text: searchText(input.query), status: input.status, authorId: input.authorId, postId: input.postId };
    return this.sources.comments.staffList(em, filter, pageOf(input)) as ReturnType<S['comments']['staffList']>;
  }

  rooms(actor: Actor, em: Db, input: AdminRoomsInput): ReturnType<S['facechat']['staffRooms']> {
    requireStaff(actor);
    const filter = { text: searchText(input.query), state: input.state, ownerId: input.ownerId };
    return this.sources.facechat.staffRooms(em, filter, pageOf(input)) as ReturnType<S['facechat']['staffRooms']>;
  }

  tags(actor: Actor, em: Db, input: AdminTagsInput): ReturnType<S['tags']['staffList']> {
    requireStaff(actor);
    return this.sources.tags.staffList(em, searchText(input.query), pageOf(input)) as ReturnType<S['tags']['staffList']>;
  }

  /** One row per UTC day, oldest first, today included; every feature adds its counts. */
  async dailyStats(actor: Actor, em: Db, rawDays: number | null): Promise<DailyStatShape[]> {
    requireStaff(actor);
    const days = rawDays ?? 30;
    if (!Number.isInteger(days) || days < 1 || days > 90) throw badInput('`days` must be a whole number from 1 to 90.', 'days');
    const rows = new Map<string, DailyStatShape>();
    const today = new Date();
    for (let i = days - 1; i >= 0; i--) {
      const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i)).toISOString().slice(0, 10);
      rows.set(day, { day, newUsers: 0, activeUsers: 0, posts: 0, calls: 0, reports: 0 });
    }
    const parts = await Promise.all(this.dailySources.map((source) => source(em, days)));
    // The database's clock decides the days; a row of a day this process does not list (clocks apart at midnight) is left out.
    for (const part of parts) for (const counts of part) if (rows.has(counts.day)) Object.assign(rows.get(counts.day)!, counts);
    return [...rows.values()];
  }

  /** The message among its neighbours, removed ones included; empty when there is no such message. */
  chatContext(actor: Actor, em: Db, input: { messageId: string; before: number | null; after: number | null }) {
    requireStaff(actor);
    const before = contextSize(input.before, 'before');
    const after = contextSize(input.after, 'after');
    return this.sources.facechat.staffChatContext(em, input.messageId, before, after) as ReturnType<S['facechat']['staffChatContext']>;
  }
}

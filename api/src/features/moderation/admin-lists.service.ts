import type { Actor } from '../../kernel/actor.js';
import type { Db } from '../../kernel/db.js';
import { badInput } from '../../kernel/errors.js';
import { emptyConnection, pageSize, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
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

/** Staff only: the admin console's lists (each asked of its owning feature) and its daily chart. */
export class AdminListsService {
  constructor(private readonly dailySources: readonly DailyStatsSource[]) {}

  posts(actor: Actor, _em: Db, input: AdminPostsInput): Promise<ConnectionShape<object>> {
    requireStaff(actor);
    pageSize(input.first);
    return Promise.resolve(emptyConnection());
  }

  comments(actor: Actor, _em: Db, input: AdminCommentsInput): Promise<ConnectionShape<object>> {
    requireStaff(actor);
    pageSize(input.first);
    return Promise.resolve(emptyConnection());
  }

  rooms(actor: Actor, _em: Db, input: AdminRoomsInput): Promise<ConnectionShape<object>> {
    requireStaff(actor);
    pageSize(input.first);
    return Promise.resolve(emptyConnection());
  }

  tags(actor: Actor, _em: Db, input: AdminTagsInput): Promise<ConnectionShape<object>> {
    requireStaff(actor);
    pageSize(input.first);
    return Promise.resolve(emptyConnection());
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
    for (const part of parts) for (const counts of part) Object.assign(rows.get(counts.day) ?? {}, counts);
    return [...rows.values()];
  }

  chatContext(actor: Actor, _em: Db, input: { messageId: string; before: number | null; after: number | null }): Promise<object[]> {
    requireStaff(actor);
    contextSize(input.before, 'before');
    contextSize(input.after, 'after');
    return Promise.resolve([]);
  }
}

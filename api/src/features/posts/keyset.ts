import { badInput } from '../../graphql/errors.js';
import { isUuid } from '../friends/friends.relations.js';

/**
 * The decoded `(created_at, id)` cursor of a keyset page, checked before it reaches SQL:
 * a cursor of the right shape but with a bad date or id is a BAD_USER_INPUT, not a 500.
 * `[null, null]` for the first page.
 */
export function timeKeyAfter(after: (string | number)[] | null): [string | null, string | null] {
  if (!after) return [null, null];
  const [time, id] = after;
  if (typeof time !== 'string' || Number.isNaN(Date.parse(time)) || !/^\d{4}-\d\d-\d\dT/.test(time) || !isUuid(id)) {
    throw badInput('The `after` cursor is not one this API gave out.', 'after');
  }
  return [time, id];
}

/** `(created_at, id) < cursor` (newest first) or `>` (oldest first) on `alias`, with its params. */
export function keysetSql(alias: string, after: (string | number)[] | null, direction: 'desc' | 'asc'): { sql: string; params: unknown[] } {
  const [time, id] = timeKeyAfter(after);
  if (!time) return { sql: 'true', params: [] };
  const op = direction === 'desc' ? '<' : '>';
  return { sql: `(${alias}.created_at, ${alias}.id) ${op} (?::timestamptz, ?::uuid)`, params: [time, id] };
}

/** Cursor key of a row with `createdAt` and `id`. */
export const timeKey = (row: { createdAt: Date; id: string }): string[] => [row.createdAt.toISOString(), row.id];

/** JSON text for `jsonb_array_elements_text(?::jsonb)`: the driver expands plain arrays into lists. */
export const jsonList = (values: readonly string[]): string => JSON.stringify(values);

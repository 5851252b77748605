import type { Context } from '../../graphql/context.js';
import { toRecord } from '../../kernel/rows.js';
import type { User } from './accounts.entity.js';
import { userById } from './accounts.loaders.js';

/** The public columns of a user (no password hash), for joins that prime `userById`. */
export const USER_COLUMNS = ['id', 'username', 'email', 'display_name', 'bio', 'avatar_id', 'created_at', 'updated_at'] as const;
const toUserRecord = toRecord<User>('User');

/**
 * Users a query already joined go straight into this request's `userById` DataLoader, so
 * `author` and `user` fields need no statement of their own. Rows whose keys carry `prefix`
 * (e.g. `author__username`) are read with the prefix stripped.
 */
export function primeUser(ctx: Context, row: Record<string, unknown>, prefix = ''): User | null {
  const fields: Record<string, unknown> = {};
  for (const column of USER_COLUMNS) fields[column] = row[prefix + column];
  if (typeof fields.id !== 'string') return null;
  const user = toUserRecord(fields);
  userById(ctx).prime(fields.id, user);
  return user;
}

/** `u.id as author__id, u.username as author__username, …` for a join on users `alias`. */
export const userSelect = (alias: string, prefix: string) => USER_COLUMNS.map((c) => `${alias}.${c} as ${prefix}${c}`).join(', ');

/** A jsonb object of the user's public columns. */
export const userJson = (alias: string) => `jsonb_build_object(${USER_COLUMNS.map((c) => `'${c}', ${alias}.${c}`).join(', ')})`;

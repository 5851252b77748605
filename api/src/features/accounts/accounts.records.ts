import { toRecord } from '../../kernel/rows.js';
import type { User } from './accounts.entity.js';

/** The public columns of a user (no password hash), for joins that prime `userById`. */
export const USER_COLUMNS = [
  'id',
  'username',
  'email',
  'email_verified_at',
  'display_name',
  'bio',
  'avatar_id',
  'created_at',
  'updated_at',
  'role',
  'suspended_at',
  'suspended_until',
  'is_private',
] as const;
/** A users row (public columns) as the plain record reads hand to resolvers. */
export const toUserRecord = toRecord<User>('User');

/** `u.id as author__id, u.username as author__username, …` for a join on users `alias`. */
export const userSelect = (alias: string, prefix: string) => USER_COLUMNS.map((c) => `${alias}.${c} as ${prefix}${c}`).join(', ');

/** A jsonb object of the user's public columns. */
export const userJson = (alias: string) => `jsonb_build_object(${USER_COLUMNS.map((c) => `'${c}', ${alias}.${c}`).join(', ')})`;

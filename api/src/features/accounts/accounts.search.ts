import type { Context } from '../../graphql/context.js';
import { User } from './accounts.entity.js';

/** LIKE pattern matching `term` anywhere, with the wildcard characters escaped. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Users whose username or display name contains `term` (trigram-indexed), by username.
 * `hiddenFor` is extended by the friends feature to drop blocked users.
 */
export async function searchUsers(ctx: Context, term: string, limit: number, after: [string, string] | null): Promise<User[]> {
  const pattern = containsPattern(term);
  const rows = await ctx.em.getConnection().execute(
    `select u.* from users u
      where (lower(u.username) like ? or lower(u.display_name) like ?)
        and (?::text is null or (u.username, u.id::text) > (?::text, ?::text))
        ${hiddenUsersClause(ctx)}
      order by u.username, u.id::text limit ?`,
    [pattern, pattern, after?.[0] ?? null, after?.[0] ?? null, after?.[1] ?? null, ...hiddenUsersParams(ctx), limit]);
  return rows.map((row) => ctx.em.map(User, row));
}

export async function countSearchUsers(ctx: Context, term: string): Promise<number> {
  const pattern = containsPattern(term);
  const [row] = await ctx.em.getConnection().execute(
    `select count(*)::int as n from users u where (lower(u.username) like ? or lower(u.display_name) like ?) ${hiddenUsersClause(ctx)}`,
    [pattern, pattern, ...hiddenUsersParams(ctx)]);
  return row.n;
}

/** SQL fragment (on alias `u`) hiding users the viewer may not see; the friends feature fills it in for blocks. */
export function hiddenUsersClause(ctx: Context): string {
  return userVisibility.clause(ctx);
}
export function hiddenUsersParams(ctx: Context): unknown[] {
  return userVisibility.params(ctx);
}
export const userVisibility = {
  clause: (_ctx: Context): string => '',
  params: (_ctx: Context): unknown[] => [],
};

import { DomainError, ErrorCode, userError } from '../../kernel/errors.js';
import { isUuid } from '../../kernel/ids.js';

/** SQL: the users row `alias` is suspended now (an expired `suspended_until` counts as active again). */
export const suspendedNowSql = (alias: string): string =>
  `(${alias}.suspended_at is not null and (${alias}.suspended_until is null or ${alias}.suspended_until > now()))`;

/** SQL: the viewer (a uuid parameter) is staff, who still see suspended users and their content. */
const viewerIsStaffSql = "exists (select 1 from users _stf where _stf.id = ?::uuid and _stf.role in ('MODERATOR', 'ADMIN'))";

/**
 * SQL predicate (with `?` params): the user in `column` is suspended and the viewer is not staff, so that user's
 * profile, posts, comments and rooms are hidden from the viewer. Features compose it next to friends' `blockedSql`.
 */
export function suspendedHiddenSql(column: string, viewerId: string | null): { sql: string; params: unknown[] } {
  const suspended = `exists (select 1 from users _sus where _sus.id = ${column} and ${suspendedNowSql('_sus')})`;
  if (!isUuid(viewerId)) return { sql: suspended, params: [] };
  return { sql: `(${suspended} and not ${viewerIsStaffSql})`, params: [viewerId] };
}

/** Both predicates, either hides: `a or b`. */
export function eitherHidden(
  a: { sql: string; params: unknown[] },
  b: { sql: string; params: unknown[] },
): { sql: string; params: unknown[] } {
  if (a.sql === 'false') return b;
  return { sql: `((${a.sql}) or (${b.sql}))`, params: [...a.params, ...b.params] };
}

/** Whether a loaded user is suspended at `now`. */
export const isSuspendedAt = (
  user: { suspendedAt: Date | string | null; suspendedUntil: Date | string | null },
  now = new Date(),
): boolean =>
  // Records read by hand-written SQL may carry the timestamps as text.
  !!user.suspendedAt && (!user.suspendedUntil || new Date(user.suspendedUntil) > now);

/** The refusal of sign-in and refresh for a suspended account, saying until when. */
export function accountSuspended(until: Date | string | null, field: string[]): DomainError {
  const when = until ? `until ${new Date(until).toISOString()}` : 'until a moderator reinstates it';
  const suspendedUntil = until ? new Date(until) : null;
  return new DomainError({ ...userError(ErrorCode.ACCOUNT_SUSPENDED, `This account is suspended ${when}.`, field), suspendedUntil });
}

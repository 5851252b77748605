import { LockMode } from '@mikro-orm/core';
import type { Role } from '../../kernel/actor.js';
import { dailyCountsSql, type DailyCountRow } from '../../kernel/daily.js';
import { sql, type Db } from '../../kernel/db.js';
import { User } from './accounts.entity.js';
import { suspendedNowSql } from './accounts.suspension.js';

export interface AdminUserFilter {
  /** LIKE pattern on username, display name or e-mail (lower-case), or null for everyone. */
  pattern: string | null;
  status: 'ACTIVE' | 'SUSPENDED' | null;
  role: Role | null;
}

export interface UserCountsRow {
  users: number;
  newUsersToday: number;
  activeUsersToday: number;
}

export interface DailyUsersRow {
  day: string;
  newUsers: number;
  activeUsers: number;
}

export interface LastActiveRow {
  userId: string;
  lastActiveAt: Date | null;
}

/** The staff tools' statements on users and sessions (roles, suspensions, the admin user list, counts). */
export class AccountsStaffRepository {
  /** The user, locked until `tx` ends (two staff acting on one user take turns). */
  lockUser(tx: Db, userId: string): Promise<User | null> {
    return tx.findOne(User, userId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  async findByUsername(em: Db, username: string): Promise<User | null> {
    return em.findOne(User, { username: username.trim().toLowerCase() });
  }

  /** The admins, locked until `tx` ends, so two admins demoting themselves at once cannot both pass the last-admin rule. */
  async lockAdmins(tx: Db): Promise<string[]> {
    const rows = await sql<{ id: string }>(tx, "select id from users where role = 'ADMIN' order by id for update");
    return rows.map((r) => r.id);
  }

  async setRole(tx: Db, userId: string, role: Role): Promise<void> {
    await tx.execute('update users set role = ?, updated_at = now() where id = ?', [role, userId]);
  }

  async setSuspension(tx: Db, userId: string, suspendedAt: Date | null, until: Date | null): Promise<void> {
    await tx.execute('update users set suspended_at = ?, suspended_until = ?, updated_at = now() where id = ?', [
      suspendedAt,
      until,
      userId,
    ]);
  }

  /** Ends every open session of the user; the ids it ended. */
  async revokeAllSessions(tx: Db, userId: string): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      tx,
      'update sessions set revoked_at = now() where user_id = ? and revoked_at is null returning id',
      [userId],
    );
    return rows.map((r) => String(r.id));
  }

  private where(filter: AdminUserFilter): { sql: string; params: unknown[] } {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (filter.pattern) {
      parts.push('(lower(u.username) like ? or lower(u.display_name) like ? or lower(u.email) like ?)');
      params.push(filter.pattern, filter.pattern, filter.pattern);
    }
    if (filter.status) parts.push(filter.status === 'SUSPENDED' ? suspendedNowSql('u') : `not ${suspendedNowSql('u')}`);
    if (filter.role) {
      parts.push('u.role = ?');
      params.push(filter.role);
    }
    return { sql: parts.length ? parts.join(' and ') : 'true', params };
  }

  /** Every user matching the filter (suspended ones included), newest first, after the `(created_at, id)` keyset. */
  async adminUsers(em: Db, filter: AdminUserFilter, limit: number, after: [string, string] | null): Promise<User[]> {
    const where = this.where(filter);
    const rows = await sql<Record<string, unknown>>(
      em,
      `select u.* from users u where ${where.sql}
          and (?::timestamptz is null or (u.created_at, u.id) < (?::timestamptz, ?::uuid))
        order by u.created_at desc, u.id desc limit ?`,
      [...where.params, after?.[0] ?? null, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
    return rows.map((row) => em.map(User, row));
  }

  async countAdminUsers(em: Db, filter: AdminUserFilter): Promise<number> {
    const where = this.where(filter);
    const [row] = await sql<{ n: number }>(em, `select count(*)::int as n from users u where ${where.sql}`, where.params);
    return row.n;
  }

  /** Sign-ups, and users who signed in or refreshed a session, on each of the last `days` UTC days. */
  async daily(em: Db, days: number): Promise<DailyUsersRow[]> {
    const signUps = dailyCountsSql('select created_at as at from users', days);
    const active = dailyCountsSql(
      `select user_id as who, created_at as at from sessions
       union all select s.user_id, t.used_at from refresh_tokens t join sessions s on s.id = t.session_id where t.used_at is not null`,
      days,
      [],
      true,
    );
    const [newUsers, activeUsers] = await Promise.all([
      sql<DailyCountRow>(em, signUps.sql, signUps.params),
      sql<DailyCountRow>(em, active.sql, active.params),
    ]);
    return newUsers.map((row, i) => ({ day: row.day, newUsers: row.n, activeUsers: activeUsers[i]?.n ?? 0 }));
  }

  /** The last sign-in or session refresh of each user. */
  async lastActive(em: Db, userIds: readonly string[]): Promise<LastActiveRow[]> {
    const rows = await sql<{ userId: string; lastActiveAt: string | Date | null }>(
      em,
      `select s.user_id as "userId", greatest(max(s.created_at), max(t.used_at)) as "lastActiveAt"
         from sessions s left join refresh_tokens t on t.session_id = s.id
        where s.user_id in (?) group by s.user_id`,
      [[...userIds]],
    );
    return rows.map((r) => ({ userId: r.userId, lastActiveAt: r.lastActiveAt ? new Date(r.lastActiveAt) : null }));
  }

  /** All users, those who signed up and those who signed in or refreshed a session in the last 24 hours. */
  async counts(em: Db): Promise<UserCountsRow> {
    const [row] = await sql<UserCountsRow>(
      em,
      `select (select count(*)::int from users) as "users",
              (select count(*)::int from users where created_at > now() - interval '1 day') as "newUsersToday",
              (select count(distinct s.user_id)::int from sessions s
                where s.created_at > now() - interval '1 day'
                   or exists (select 1 from refresh_tokens t where t.session_id = s.id and t.used_at > now() - interval '1 day'))
                as "activeUsersToday"`,
    );
    return row;
  }
}

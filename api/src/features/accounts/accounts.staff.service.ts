import type { Role } from '../../kernel/actor.js';
import type { AfterCommit, Db } from '../../kernel/db.js';
import { badInput, notFound } from '../../kernel/errors.js';
import { SESSION_REVOKED_TOPIC, type EventBus } from '../../kernel/events.js';
import { paginate, timeKeyAfter, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import type { User } from './accounts.entity.js';
import { containsPattern } from './accounts.service.js';
import type { AccountsStaffRepository, AdminUserFilter, DailyUsersRow, LastActiveRow, UserCountsRow } from './accounts.staff.repository.js';

export interface AdminUsersRequest extends PageInput {
  query?: string | null;
  status?: AdminUserFilter['status'];
  role?: Role | null;
}

/**
 * The account changes staff make (roles, suspensions) and the admin user list. Who may do what is the moderation
 * feature's rule: it calls these inside its own transaction and writes the log; these only change the accounts.
 */
export class AccountsStaffService {
  constructor(
    private readonly repository: AccountsStaffRepository,
    private readonly events: EventBus,
  ) {}

  async lockUser(tx: Db, userId: string): Promise<User> {
    const user = await this.repository.lockUser(tx, userId);
    if (!user) throw notFound('No such user.', ['userId']);
    return user;
  }

  userByUsername(em: Db, username: string): Promise<User | null> {
    return this.repository.findByUsername(em, username);
  }

  /** Ids of the admins, locked until `tx` ends. */
  lockAdmins(tx: Db): Promise<string[]> {
    return this.repository.lockAdmins(tx);
  }

  setRole(tx: Db, userId: string, role: Role): Promise<void> {
    return this.repository.setRole(tx, userId, role);
  }

  /** Suspends the account and ends every session; once committed, every instance closes the user's sockets. */
  async suspend(tx: Db, afterCommit: AfterCommit, userId: string, until: Date | null): Promise<void> {
    await this.repository.setSuspension(tx, userId, new Date(), until);
    const sessionIds = await this.repository.revokeAllSessions(tx, userId);
    if (sessionIds.length) afterCommit(() => this.events.publish(SESSION_REVOKED_TOPIC, { userId, sessionIds, reason: 'suspended' }));
  }

  reinstate(tx: Db, userId: string): Promise<void> {
    return this.repository.setSuspension(tx, userId, null, null);
  }

  /** Every user by name, username or e-mail (suspended ones included), newest first. The caller checks the actor is staff. */
  adminUsers(em: Db, input: AdminUsersRequest): Promise<ConnectionShape<User>> {
    const term = (input.query ?? '').trim().toLowerCase();
    if (term.length > 100) throw badInput('The search text can be at most 100 characters.', 'query');
    const filter: AdminUserFilter = {
      pattern: term ? containsPattern(term) : null,
      status: input.status ?? null,
      role: input.role ?? null,
    };
    return paginate({
      first: input.first,
      after: input.after,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => {
        const [time, id] = timeKeyAfter(after);
        return this.repository.adminUsers(em, filter, limit, time && id ? [time, id] : null);
      },
      keyOf: (u: User) => [u.createdAt.toISOString(), u.id],
      count: () => this.repository.countAdminUsers(em, filter),
    });
  }

  /** Sign-ups and active users per UTC day (the staff dashboard's chart). */
  daily(em: Db, days: number): Promise<DailyUsersRow[]> {
    return this.repository.daily(em, days);
  }

  lastActive(em: Db, userIds: readonly string[]): Promise<LastActiveRow[]> {
    return this.repository.lastActive(em, userIds);
  }

  counts(em: Db): Promise<UserCountsRow> {
    return this.repository.counts(em);
  }
}

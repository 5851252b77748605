import type { Actor, Role } from '../../kernel/actor.js';
import { inTransaction, type Db } from '../../kernel/db.js';
import { DomainError, ErrorCode, forbidden, invalid, userError } from '../../kernel/errors.js';
import type { AccountsStaffService, AdminUsersRequest } from '../accounts/index.js';
import type { ModerationAction } from './moderation.entity.js';
import type { ModerationLogService } from './moderation-log.service.js';
import { isStaff, requireAdmin, requireStaff } from './staff.js';

/** Facechat's part in a suspension: the user leaves every room and call (LiveKit included). */
export interface LiveRooms {
  userSuspended(userId: string): Promise<void>;
}

/** Counts for the dashboard; each feature reports its own (posts, facechat, reports …), merged in `adminStats`. */
export type StatsSource = (em: Db) => Promise<Partial<AdminStatsShape>>;

export interface AdminStatsShape {
  users: number;
  newUsersToday: number;
  activeUsersToday: number;
  postsToday: number;
  callsToday: number;
  liveRooms: number;
  participantsLive: number;
  openReports: number;
}

const MAX_REASON = 2000;

/** Staff actions on accounts: roles, suspensions, the admin user list and the dashboard. Each action is logged. */
export class AccountModerationService {
  constructor(
    private readonly accounts: AccountsStaffService,
    private readonly log: ModerationLogService,
    private readonly rooms: LiveRooms,
    private readonly stats: readonly StatsSource[],
  ) {}

  /**
   * ADMIN only (or `commandLine`: the `npm run admin` CLI, which has no signed-in actor). The last admin cannot stop
   * being one. Logged SET_ROLE with the new role as the reason.
   */
  async setRole(actor: Actor | 'commandLine', em: Db, input: { userId: string; role: Role }): Promise<ModerationAction> {
    if (actor !== 'commandLine') requireAdmin(actor);
    return inTransaction(em, async (tx) => {
      const admins = await this.accounts.lockAdmins(tx);
      const target = await this.accounts.lockUser(tx, input.userId);
      if (target.role === 'ADMIN' && input.role !== 'ADMIN' && admins.length <= 1) {
        throw new DomainError(
          userError(ErrorCode.CONFLICT, 'This is the last admin: make someone else an admin before changing this role.', ['role']),
        );
      }
      await this.accounts.setRole(tx, target.id, input.role);
      // The command line has no staff member behind it: the log names the user whose role changed (see admin-cli.ts).
      const moderatorId = actor === 'commandLine' ? target.id : actor.id;
      const reason = `${target.role} → ${input.role}${actor === 'commandLine' ? ' (command line)' : ''}`;
      return this.log.record(tx, { type: 'SET_ROLE', moderatorId, subjectType: 'User', subjectId: target.id, reason });
    });
  }

  /** Staff only; moderators cannot suspend staff. Ends the sessions and live connections at once. */
  async suspend(actor: Actor, em: Db, input: { userId: string; reason: string; until: Date | null }): Promise<ModerationAction> {
    requireStaff(actor);
    const reason = input.reason.trim();
    if (!reason || reason.length > MAX_REASON) throw invalid(['reason'], `Give a reason of 1–${MAX_REASON} characters.`);
    if (input.until && input.until.getTime() <= Date.now()) throw invalid(['until'], 'The end of the suspension must be in the future.');
    if (input.userId === actor.id) throw forbidden('You cannot suspend yourself.', ['userId']);
    const action = await inTransaction(em, async (tx, afterCommit) => {
      const target = await this.accounts.lockUser(tx, input.userId);
      if (isStaff(target) && actor.role !== 'ADMIN') throw forbidden('Moderators cannot suspend moderators or admins.', ['userId']);
      await this.accounts.suspend(tx, afterCommit, target.id, input.until);
      const until = input.until ? ` (until ${input.until.toISOString()})` : '';
      return this.log.record(tx, {
        type: 'SUSPEND_USER',
        moderatorId: actor.id,
        subjectType: 'User',
        subjectId: target.id,
        reason: reason + until,
      });
    });
    await this.rooms.userSuspended(input.userId);
    return action;
  }

  /** Staff only; moderators cannot reinstate staff either (symmetry with `suspend`). */
  async reinstate(actor: Actor, em: Db, input: { userId: string }): Promise<ModerationAction> {
    requireStaff(actor);
    return inTransaction(em, async (tx) => {
      const target = await this.accounts.lockUser(tx, input.userId);
      if (isStaff(target) && actor.role !== 'ADMIN') throw forbidden('Moderators cannot reinstate moderators or admins.', ['userId']);
      await this.accounts.reinstate(tx, target.id);
      return this.log.record(tx, { type: 'REINSTATE_USER', moderatorId: actor.id, subjectType: 'User', subjectId: target.id });
    });
  }

  adminUsers(actor: Actor, em: Db, input: AdminUsersRequest) {
    requireStaff(actor);
    return this.accounts.adminUsers(em, input);
  }

  /** Sign-ups and active users per UTC day (a `DailyStatsSource` of the dashboard's chart). */
  daily(em: Db, days: number) {
    return this.accounts.daily(em, days);
  }

  /** When each user last signed in or refreshed a session (for staff-only `User.lastActiveAt`; the caller checks). */
  lastActive(em: Db, userIds: readonly string[]) {
    return this.accounts.lastActive(em, userIds);
  }

  async adminStats(actor: Actor, em: Db): Promise<AdminStatsShape> {
    requireStaff(actor);
    const parts = await Promise.all([this.accounts.counts(em), ...this.stats.map((source) => source(em))]);
    const zero: AdminStatsShape = {
      users: 0,
      newUsersToday: 0,
      activeUsersToday: 0,
      postsToday: 0,
      callsToday: 0,
      liveRooms: 0,
      participantsLive: 0,
      openReports: 0,
    };
    return Object.assign(zero, ...parts) as AdminStatsShape;
  }
}

import type { Actor } from '../../kernel/actor.js';
import type { Db } from '../../kernel/db.js';
import { paginate, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import type { ModerationAction } from './moderation.entity.js';
import type { ModerationLogFilter, ModerationLogRepository, NewModerationAction } from './moderation.repository.js';
import { requireStaff } from './staff.js';

export type ModerationEntry = Omit<NewModerationAction, 'reason'> & { reason?: string | null };

/**
 * The moderation log. Every staff action calls `record` inside the transaction that performs it, so the
 * log and the action commit (or roll back) together.
 */
export class ModerationLogService {
  constructor(private readonly repository: ModerationLogRepository) {}

  record(tx: Db, entry: ModerationEntry): Promise<ModerationAction> {
    return this.repository.create(tx, { ...entry, reason: entry.reason?.trim() || null });
  }

  byIds(em: Db, ids: readonly string[]): Promise<ModerationAction[]> {
    return this.repository.findByIds(em, ids);
  }

  /** Staff only: every action, newest first. */
  list(actor: Actor, em: Db, input: PageInput & Partial<ModerationLogFilter>): Promise<ConnectionShape<ModerationAction>> {
    const filter: ModerationLogFilter = {
      type: input.type ?? null,
      moderatorId: input.moderatorId ?? null,
      subject: input.subject ?? null,
    };
    requireStaff(actor);
    return paginate({
      first: input.first,
      after: input.after,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => this.repository.page(em, filter, limit, after),
      keyOf: (a: ModerationAction) => [a.createdAt.toISOString(), a.id],
      count: () => this.repository.count(em, filter),
    });
  }
}

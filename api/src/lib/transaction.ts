import type { EntityManager } from '@mikro-orm/postgresql';

export type AfterCommit = (callback: () => void) => void;

/**
 * Runs `work` in one transaction; callbacks registered with `afterCommit` (live
 * pushes, LiveKit calls) run only once the transaction has committed.
 */
export async function inTransaction<T>(em: EntityManager, work: (tx: EntityManager, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  const callbacks: (() => void)[] = [];
  const result = await em.transactional((tx) => work(tx as EntityManager, (cb) => callbacks.push(cb)));
  for (const callback of callbacks) {
    try {
      callback();
    } catch {
      /* a failed push never undoes a committed change */
    }
  }
  return result;
}

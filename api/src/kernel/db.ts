import type { EntityManager } from '@mikro-orm/postgresql';

export type { EntityManager };
/** The EntityManager a service works in: the request's fork, or a transaction opened on it. */
export type Db = EntityManager;
export type AfterCommit = (callback: () => void) => void;

/**
 * Runs `work` in one transaction; callbacks registered with `afterCommit` (live pushes, LiveKit calls)
 * run only once the transaction has committed.
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

/**
 * Hand-written SQL with a typed result: every repository query names the interface of its rows.
 * Only `*.repository.ts` files may call it (and only for their own feature's tables).
 */
export function sql<Row extends object>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<Row[]> {
  return em.execute<Row[]>(text, params as unknown[]);
}

/** JSON text for `jsonb_array_elements_text(?::jsonb)`: the driver expands plain arrays into lists. */
export const jsonList = (values: readonly string[]): string => JSON.stringify(values);

import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

/**
 * What one request (or one subscription event, one webhook, one CLI command) works in: one EntityManager fork
 * and one set of DataLoaders, both created on first use. `createScope` is the only place that forks.
 */
export interface Scope {
  readonly em: EntityManager;
  /** The memoised value named `key` in this scope (DataLoaders), created on first use. */
  memo<T>(key: string, create: () => T): T;
}

export function createScope(orm: MikroORM): Scope {
  let em: EntityManager | null = null;
  const memos = new Map<string, unknown>();
  return {
    get em() {
      em ??= orm.em.fork();
      return em;
    },
    memo<T>(key: string, create: () => T): T {
      let found = memos.get(key) as T | undefined;
      if (found === undefined) {
        found = create();
        memos.set(key, found);
      }
      return found;
    },
  };
}

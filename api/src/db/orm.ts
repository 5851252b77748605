import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { Constructor } from '@mikro-orm/core';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { fileURLToPath } from 'node:url';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';
import { migrationName, PostgresNamingStrategy } from './naming.js';

/** Where `migration:create` writes new migration classes and the schema snapshot (both committed). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));
export const SNAPSHOT_FILE = '.snapshot-pp';
const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/**
 * `snapshot`: only the migration tools (migration:create / migration:check) read and write
 * `migrations/.snapshot-pp.json`. The app and the tests leave it alone: with it on, every
 * `migrateUp` that applies something would rewrite the committed file from the live database.
 */
export interface MigrationToolOptions {
  /** Read/write the committed schema snapshot (migration:create, migration:check). */
  snapshot?: boolean;
  /** Instead of migrations/index.ts: lets migration:create apply the class it just generated. */
  migrationsList?: MigrationClass[];
}
type MigrationClass = Constructor<Migration>;

function ormOptions(
  clientUrl: string,
  extra: Partial<Options> = {},
  { snapshot = false, migrationsList = migrations }: MigrationToolOptions = {},
): Options {
  return {
    clientUrl,
    entities,
    extensions: [Migrator],
    // Explicit column types on every property: the runtime (tsx/esbuild) emits no decorator metadata.
    // Column defaults are declared (`default:`), never guessed from class initialisers: the schema
    // diff must see exactly the database's defaults (most initialisers have no database default).
    discovery: { requireEntitiesArray: true, inferDefaultValues: false },
    namingStrategy: PostgresNamingStrategy,
    migrations: {
      // An explicit list (migrations/index.ts; migration:create appends to it): tsx and vitest both load it as plain imports.
      migrationsList,
      path: MIGRATIONS_DIR,
      pathTs: MIGRATIONS_DIR,
      emit: 'ts',
      fileName: migrationName,
      snapshot,
      snapshotName: SNAPSHOT_FILE,
      transactional: true,
      allOrNothing: true,
      silent: true,
      tableName: MIGRATIONS_TABLE,
    },
    pool: { min: 0, max: 20 },
    debug: false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ...extra,
  };
}

export async function createOrm(clientUrl: string, extra: Partial<Options> = {}, tool: MigrationToolOptions = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(clientUrl, extra, tool));
}

/** One key for "migrating this database": instances starting at once and `npm run migrate` queue on it. */
const MIGRATION_LOCK_SQL = `select pg_advisory_xact_lock(hashtextextended('pp-enter:migrations', 0))`;

/**
 * Applies the pending migrations, all in ONE transaction that first takes a transaction-scoped advisory lock:
 * two processes starting at once take turns, and the second finds nothing left to do. Never a session lock
 * (`pg_advisory_lock`): behind pgbouncer in transaction mode a session lock stays on a pooled server connection.
 * MikroORM creates its bookkeeping table outside the transaction it is given, so that table is created first
 * (same columns as MikroORM's own) in a short transaction under the same lock.
 */
export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const connection = orm.em.getConnection();
  await connection.transactional(async (trx) => {
    await connection.execute(MIGRATION_LOCK_SQL, [], 'all', trx);
    await connection.execute(
      `create table if not exists "${MIGRATIONS_TABLE}" ("id" serial primary key, "name" varchar(255), "executed_at" timestamptz default CURRENT_TIMESTAMP)`,
      [],
      'run',
      trx,
    );
  });
  const applied = await connection.transactional(async (trx) => {
    await connection.execute(MIGRATION_LOCK_SQL, [], 'all', trx);
    return orm.getMigrator().up({ transaction: trx });
  });
  return applied.map((m) => m.name);
}

/** Names of the committed migrations the database has not applied yet (reads only; creates nothing). */
export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  const connection = orm.em.getConnection();
  const [table] = await connection.execute<{ exists: boolean }[]>(`select to_regclass(?) is not null as "exists"`, [MIGRATIONS_TABLE]);
  const applied = table?.exists
    ? new Set((await connection.execute<{ name: string }[]>(`select name from "${MIGRATIONS_TABLE}"`)).map((row) => row.name))
    : new Set<string>();
  return migrations.map((migration) => migration.name).filter((name) => !applied.has(name));
}

export { MikroORM };

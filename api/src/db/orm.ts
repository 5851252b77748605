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
      tableName: 'mikro_orm_migrations',
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

export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

export { MikroORM };

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_DATABASE, ensureDatabase } from './bootstrap.js';
import { startEmbeddedPostgres } from './embedded.js';
import { migrations } from './migrations/index.js';
import { createOrm, migrateUp, MIGRATIONS_DIR, SNAPSHOT_FILE, type MikroORM } from './orm.js';

/** The committed snapshot: the entities' schema as the last generated migration left it. */
export const SNAPSHOT_PATH = join(MIGRATIONS_DIR, `${SNAPSHOT_FILE}.json`);

/**
 * SQL that would turn the migrated database into what the entities describe; '' when they agree.
 * Read from the live database (not the snapshot): proves the committed migrations build the entities' schema.
 */
export async function databaseDiffSql(orm: MikroORM): Promise<string> {
  const sql = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
  return sql.trim();
}

// Migrator internals that the typings hide: the diff createMigration would write, and the snapshot writer.
interface MigratorInternals {
  getSchemaDiff(blank: boolean, initial: boolean): Promise<{ up: string[] }>;
  storeCurrentSchema(): Promise<void>;
}

/**
 * Statements `migration:create` would generate: the entities compared with the committed snapshot.
 * Needs an ORM made with `{ snapshot: true }`. Empty when no migration is pending.
 */
export async function snapshotDiffSql(orm: MikroORM): Promise<string[]> {
  const migrator = orm.getMigrator() as unknown as MigratorInternals;
  const { up } = await migrator.getSchemaDiff(false, false);
  return up.filter((line) => line.trim() !== '');
}

/** Writes the entities' schema as the snapshot (what createMigration does after generating a file). */
export async function storeSnapshot(orm: MikroORM): Promise<void> {
  await (orm.getMigrator() as unknown as MigratorInternals).storeCurrentSchema();
}

/** Migration files in the folder that migrations/index.ts does not list (they would never run). */
export function unregisteredMigrations(): string[] {
  const listed = new Set(migrations.map((migration) => migration.name));
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^Migration\d{14}\w*\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .filter((name) => !listed.has(name));
}

/**
 * What `migration:check` reports, one message per problem; [] when entities, snapshot and migrations agree.
 * `orm` is connected to a database with every migration applied and made with `{ snapshot: true }`.
 */
export async function migrationProblems(orm: MikroORM): Promise<string[]> {
  const problems: string[] = [];
  const unregistered = unregisteredMigrations();
  if (unregistered.length) problems.push(`not listed in api/src/db/migrations/index.ts: ${unregistered.join(', ')}`);
  const pending = await databaseDiffSql(orm);
  if (pending) problems.push(`the entities differ from the migrated database; a migration is missing. Pending SQL:\n${pending}`);
  if (!existsSync(SNAPSHOT_PATH)) {
    problems.push(`no schema snapshot at ${SNAPSHOT_PATH}; run npm run migration:create`);
  } else {
    const stale = await snapshotDiffSql(orm);
    if (stale.length) problems.push(`the snapshot is behind the entities; migration:create would generate:\n${stale.join('\n')}`);
  }
  return problems;
}

/**
 * Runs `work` against a database with every committed migration applied:
 * `DATABASE_URL` when set (migrated as `npm start` does), else a throw-away embedded
 * PostgreSQL in a temp directory, removed afterwards.
 */
export async function withMigratedDatabase<T>(work: (url: string) => Promise<T>, log: (line: string) => void = () => {}): Promise<T> {
  let url = process.env.DATABASE_URL || null;
  let stop = async () => {};
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'pp-migrations-'));
    const remove = () => rmSync(dir, { recursive: true, force: true });
    log(`starting a temporary embedded PostgreSQL in ${dir}`);
    try {
      const pg = await startEmbeddedPostgres(join(dir, 'data'), { throwaway: true });
      stop = async () => {
        try {
          await pg.stop();
        } finally {
          remove();
        }
      };
      await ensureDatabase(pg.adminUrl, APP_DATABASE);
      url = pg.urlFor(APP_DATABASE);
    } catch (error) {
      await stop();
      remove();
      throw error;
    }
  }
  try {
    const orm = await createOrm(url);
    try {
      const applied = await migrateUp(orm);
      if (applied.length) log(`applied ${applied.length} migration(s)`);
    } finally {
      await orm.close(true);
    }
    return await work(url);
  } finally {
    await stop();
  }
}

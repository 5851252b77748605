import pg from 'pg';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';
import { createOrm, migrateUp, pendingMigrations, type MikroORM } from './orm.js';

export const APP_DATABASE = 'ppenter';

export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name}"${template ? ` template "${template}"` : ''}`);
  } finally {
    await client.end();
  }
}

/** MIGRATE_ON_START=false and the database lacks migrations: the API does not start on a schema it does not know. */
export class MigrationsPending extends Error {
  constructor(readonly pending: string[]) {
    super(
      `The database lacks ${pending.length} migration(s) (${pending.join(', ')}) and MIGRATE_ON_START=false: ` +
        'run `npm run migrate` (or `node api/dist/migrate.js`) first, or set MIGRATE_ON_START=true.',
    );
    this.name = 'MigrationsPending';
  }
}

/**
 * The database the app uses: `DATABASE_URL` when set, else the embedded server under
 * `$DATA_DIR/postgres`. With `migrate` (config.migrateOnStart, `npm run migrate`) pending migrations are applied
 * first, under a transaction-scoped lock (orm.ts migrateUp); without it, pending migrations throw MigrationsPending.
 */
export async function openDatabase(
  config: Config,
  log: Logger,
  { migrate = config.migrateOnStart }: { migrate?: boolean } = {},
): Promise<{ orm: MikroORM; embedded: EmbeddedDatabase | null; applied: string[] }> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    const dir = join(config.dataDir, 'postgres');
    log.info({ dir }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres(dir, {
      onLog: (line) => (/stale|left running/.test(line) ? log.warn(line) : log.debug({ postgres: line })),
    });
  }
  try {
    if (embedded) {
      await ensureDatabase(embedded.adminUrl, APP_DATABASE);
      url = embedded.urlFor(APP_DATABASE);
    }
    const orm = await createOrm(url!);
    try {
      const applied = migrate ? await migrateUp(orm) : [];
      if (applied.length) log.info({ applied }, 'applied migrations');
      const pending = migrate ? [] : await pendingMigrations(orm);
      if (pending.length) throw new MigrationsPending(pending);
      return { orm, embedded, applied };
    } catch (error) {
      await orm.close(true);
      throw error;
    }
  } catch (error) {
    // Never leave the embedded server running behind a failed start.
    await embedded?.stop();
    throw error;
  }
}

import pg from 'pg';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';
import { createOrm, migrateUp, type MikroORM } from './orm.js';

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

/**
 * The database the app uses: `DATABASE_URL` when set, else the embedded server under
 * `$DATA_DIR/postgres`. Pending migrations are applied before anything else runs.
 */
export async function openDatabase(config: Config, log: Logger): Promise<{ orm: MikroORM; embedded: EmbeddedDatabase | null }> {
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
    const applied = await migrateUp(orm);
    if (applied.length) log.info({ applied }, 'applied migrations');
    return { orm, embedded };
  } catch (error) {
    // Never leave the embedded server running behind a failed start.
    await embedded?.stop();
    throw error;
  }
}

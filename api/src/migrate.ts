/**
 * `npm run migrate` (`node api/dist/migrate.js` in a production build): applies the pending migrations once and
 * exits — 0 when the database is current, 1 with the reason otherwise. Same database as the API: DATABASE_URL, else
 * the embedded PostgreSQL under DATA_DIR. Safe to run while other instances start: see orm.ts migrateUp.
 */
import 'reflect-metadata';
import { loadConfigOrExplain } from './config.js';
import { openDatabase } from './db/bootstrap.js';
import { createLogger } from './logger.js';

async function main(): Promise<number> {
  const config = loadConfigOrExplain();
  if (!config) return 2;
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  try {
    const { orm, embedded, applied } = await openDatabase(config, log, { migrate: true });
    await orm.close(true);
    await embedded?.stop();
    console.log(applied.length ? `migrate: applied ${applied.join(', ')}` : 'migrate: the database is up to date');
    return 0;
  } catch (error) {
    console.error(`migrate: failed: ${(error as Error).message}`);
    return 1;
  }
}

process.exit(await main());

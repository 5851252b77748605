/**
 * `npm run admin -- grant <username> admin|moderator` and `npm run admin -- revoke <username>`: makes the first admin
 * of a fresh install (and later ones) from the command line. Same database as the API: DATABASE_URL, else the
 * embedded PostgreSQL under DATA_DIR — the one a running `npm start` holds when there is one (its port is read from
 * `postmaster.pid`), else started here for the moment of the change.
 *
 * The moderation log needs a User as the moderator, and a command line has none: the entry names the user whose role
 * changed, with "(command line)" in its reason — the one account certainly involved, and no invented system user.
 * Exit codes: 0 done, 1 refused (unknown username, the last admin), 2 bad usage or configuration.
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfigOrExplain } from './config.js';
import { APP_DATABASE, openDatabase } from './db/bootstrap.js';
import { runningEmbeddedUrl } from './db/embedded.js';
import { createOrm, type MikroORM } from './db/orm.js';
import type { Role } from './kernel/actor.js';
import { DomainError } from './kernel/errors.js';
import { createLogger } from './logger.js';
import { createAdminTools } from './server/compose.js';

const USAGE = 'usage: npm run admin -- grant <username> admin|moderator\n       npm run admin -- revoke <username>';

function parse(args: string[]): { username: string; role: Role } | null {
  const [command, username, role] = args;
  if (command === 'grant' && username && (role === 'admin' || role === 'moderator') && args.length === 3)
    return { username, role: role === 'admin' ? 'ADMIN' : 'MODERATOR' };
  if (command === 'revoke' && username && args.length === 2) return { username, role: 'USER' };
  return null;
}

async function main(args: string[]): Promise<number> {
  const request = parse(args);
  if (!request) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfigOrExplain();
  if (!config) return 2;
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const running = config.databaseUrl ? null : runningEmbeddedUrl(join(config.dataDir, 'postgres'), APP_DATABASE);
  let orm: MikroORM;
  let stopEmbedded = async () => undefined as void;
  try {
    if (running) orm = await createOrm(running);
    else {
      const opened = await openDatabase(config, log, { migrate: config.migrateOnStart });
      orm = opened.orm;
      stopEmbedded = async () => opened.embedded?.stop();
    }
  } catch (error) {
    console.error(`admin: cannot open the database: ${(error as Error).message}`);
    return 2;
  }
  try {
    const tools = createAdminTools();
    const em = orm.em.fork();
    const user = await tools.accountsStaff.userByUsername(em, request.username);
    if (!user) {
      console.error(`admin: no user named "${request.username}".`);
      return 1;
    }
    await tools.accountModeration.setRole('commandLine', em, { userId: user.id, role: request.role });
    const shown = { USER: 'a member', MODERATOR: 'a moderator', ADMIN: 'an admin' }[request.role];
    console.log(`admin: ${user.username} is now ${shown} (logged in the moderation log).`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(`admin: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await orm.close(true);
    await stopEmbedded();
  }
}

process.exit(await main(process.argv.slice(2)));

import 'reflect-metadata';
import { loadConfigOrExplain } from './config.js';
import { createLogger } from './logger.js';
import { MigrationsPending, openDatabase } from './db/bootstrap.js';
import { DataDirInUse, type EmbeddedDatabase } from './db/embedded.js';
import { createApp, type App } from './app.js';
import type { MikroORM } from './db/orm.js';

const config = loadConfigOrExplain() ?? process.exit(2);
const log = createLogger(config.logLevel);

// The embedded PostgreSQL is stopped on every exit path: signals, a crash, a failed start, process.exit.
let embedded: EmbeddedDatabase | null = null;
let app: App | null = null;
let orm: MikroORM | null = null;
let stopping = false;
async function shutdown(reason: string, code = 0) {
  if (stopping) return;
  stopping = true;
  log.info({ reason }, 'shutting down');
  const force = setTimeout(() => process.exit(code || 1), 10_000);
  force.unref();
  try {
    await app?.close();
    await orm?.close(true);
  } catch (error) {
    log.error({ err: error }, 'error while shutting down');
  }
  try {
    await embedded?.stop();
  } finally {
    process.exit(code);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
process.on('uncaughtException', (error) => {
  log.fatal({ err: error }, 'uncaught exception');
  void shutdown('uncaughtException', 1);
});
process.on('unhandledRejection', (error) => {
  log.fatal({ err: error }, 'unhandled rejection');
  void shutdown('unhandledRejection', 1);
});
process.on('exit', () => embedded?.stopNow());

try {
  const opened = await openDatabase(config, log);
  embedded = opened.embedded;
  orm = opened.orm;
  app = await createApp({ config, orm, log });
} catch (error) {
  if (error instanceof DataDirInUse || error instanceof MigrationsPending) {
    console.error(`\n  ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
const port = await app.listen(config.port);
const base = `http://localhost:${port}`;
log.info({ url: base }, 'PP-ENTER is up');
console.log(`\n  PP-ENTER    ${base}\n  GraphiQL    ${base}/graphql\n  Health      ${base}/healthz  ${base}/readyz\n`);
if (!config.livekit) {
  console.log(
    '  Calls are disabled: no LiveKit server is configured. Run `npm run setup` (builds it with Go) or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.\n',
  );
}

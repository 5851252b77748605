import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { openDatabase } from './db/bootstrap.js';
import { createApp } from './app.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) console.error(`config: ${problem}`);
    process.exit(2);
  }
  throw error;
}
const log = createLogger(config.logLevel);
const { orm, embedded } = await openDatabase(config, log);
const app = await createApp({ config, orm, log });
const port = await app.listen(config.port);
const base = `http://localhost:${port}`;
log.info({ url: base }, 'PP-ENTER is up');
console.log(`\n  PP-ENTER    ${base}\n  GraphiQL    ${base}/graphql\n  Health      ${base}/healthz  ${base}/readyz\n`);
if (!config.livekit) {
  console.log(
    '  Calls are disabled: no LiveKit server is configured. Run `npm run setup` (builds it with Go) or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.\n',
  );
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await app.close();
    await orm.close(true);
    await embedded?.stop();
  } finally {
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

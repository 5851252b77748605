import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { ensureDatabase } from '../db/bootstrap.js';
import { createOrm, type MikroORM } from '../db/orm.js';
import { createLogger } from '../logger.js';
import { TEMPLATE_DATABASE, type TestServices } from './global-setup.js';

export interface TestStack {
  baseUrl: string;
  /** The stack's database; another stack started with `{ databaseUrl }` shares it (a second API instance). */
  databaseUrl: string;
  app: App;
  orm: MikroORM;
  config: Config;
  /** Counts SQL statements run while `work` runs. */
  countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }>;
  stop(): Promise<void>;
}

const HIGH = '100000/1';
const TEST_RATE_LIMITS: Record<string, string> = {
  RATE_LIMIT_REGISTER: HIGH,
  RATE_LIMIT_LOGIN_CLIENT: HIGH,
  RATE_LIMIT_LOGIN_ACCOUNT: HIGH,
  RATE_LIMIT_FRIEND_REQUESTS: HIGH,
  RATE_LIMIT_CHAT_MESSAGES: HIGH,
  RATE_LIMIT_COMMENTS: HIGH,
  RATE_LIMIT_UPLOADS_USER: HIGH,
  RATE_LIMIT_UPLOADS_CLIENT: HIGH,
  RATE_LIMIT_REPORTS: HIGH,
  RATE_LIMIT_PASSWORD_RESET_CLIENT: HIGH,
  RATE_LIMIT_VERIFICATION_EMAIL: HIGH,
  RATE_LIMIT_DIRECT_MESSAGES: HIGH,
  RATE_LIMIT_CONVERSATION_STARTS: HIGH,
  RATE_LIMIT_TYPING_SIGNALS: HIGH,
};

/**
 * The real API (and the built client, when present) on a random loopback port,
 * with a fresh database cloned from the migrated template. Inside vitest the services come from
 * the global setup (inject); scripts outside it pass what `startTestServices()` gave them.
 */
export async function startTestStack(
  env: Record<string, string> = {},
  services?: Pick<TestServices, 'pgAdminUrl' | 'livekit'>,
  /** `databaseUrl`: run on an existing stack's database instead of a fresh one (several instances of one deployment). */
  options: { databaseUrl?: string } = {},
): Promise<TestStack> {
  const adminUrl = services?.pgAdminUrl ?? inject('pgAdminUrl');
  const livekit = services ? services.livekit : inject('livekit');
  const url = new URL(options.databaseUrl ?? adminUrl);
  if (!options.databaseUrl) {
    const database = `t_${randomBytes(6).toString('hex')}`;
    await ensureDatabase(adminUrl, database, TEMPLATE_DATABASE);
    url.pathname = `/${database}`;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-test-data-'));

  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: url.toString(),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Presence is reconciled with LiveKit at start-up only: a test's signed webhooks stand for participants LiveKit lacks.
    PRESENCE_RECONCILE_SECONDS: '0',
    // A private client build (`vite build --outDir …`) when several people build at once.
    ...(process.env.CLIENT_DIST ? { CLIENT_DIST: process.env.CLIENT_DIST } : {}),
    // Every test file signs up and posts from 127.0.0.1 far more than a person would: the limits are out of the
    // way unless a test sets its own (security/rate-limits.test.ts). Sign-in failures per (account, client) keep
    // their real default (accounts.test.ts checks it).
    ...TEST_RATE_LIMITS,
    ...(livekit ? { LIVEKIT_URL: livekit.url, LIVEKIT_API_KEY: livekit.apiKey, LIVEKIT_API_SECRET: livekit.apiSecret } : {}),
    ...env,
  });
  const orm = await createOrm(url.toString());
  const app = await createApp({ config, orm, log: createLogger(config.logLevel) });
  const port = await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  config.publicUrl = baseUrl;

  // LiveKit posts its webhooks to one relay; it forwards them to every registered stack.
  const relay = (method: string) =>
    livekit?.webhookRelayUrl
      ? fetch(`${livekit.webhookRelayUrl}/targets`, { method, body: JSON.stringify({ url: baseUrl }) }).then(() => undefined)
      : Promise.resolve();
  await relay('POST');

  const knex = orm.em.getConnection().getKnex();
  let counter = 0;
  knex.on('query', () => counter++);

  return {
    baseUrl,
    databaseUrl: url.toString(),
    app,
    orm,
    config,
    async countQueries(work) {
      const before = counter;
      const result = await work();
      return { result, queries: counter - before };
    },
    async stop() {
      await relay('DELETE');
      await app.close();
      await orm.close(true);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

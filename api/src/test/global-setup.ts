import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { ensureDatabase } from '../db/bootstrap.js';
import { createOrm, migrateUp } from '../db/orm.js';
import { startTestLivekit, type TestLivekitInfo } from './livekit-setup.js';
import { startTestRedis } from './redis-setup.js';

export const TEMPLATE_DATABASE = 'pp_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    livekit: { url: string; apiKey: string; apiSecret: string; webhookRelayUrl?: string } | null;
    /** A real Redis server (null when none is installed and TEST_REDIS is not `required`). */
    redisUrl: string | null;
  }
}

export interface TestServices {
  pgAdminUrl: string;
  livekit: TestLivekitInfo | null;
  redisUrl: string | null;
  stop(): Promise<void>;
}

/**
 * One embedded PostgreSQL (and one LiveKit server, when built) for the whole run.
 * The template database carries every migration; each test file clones it.
 * `TEST_DATABASE_URL` (an admin URL of another server) skips the embedded one.
 * Also for scripts outside vitest (bench:call), which hand the result to `startTestStack`.
 */
export async function startTestServices(): Promise<TestServices> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stopPg: (() => Promise<void>) | null = null;
  let dir: string | null = null;
  if (!adminUrl) {
    dir = mkdtempSync(join(tmpdir(), 'pp-test-pg-'));
    const pg = await startEmbeddedPostgres(join(dir, 'data'), { throwaway: true });
    adminUrl = pg.adminUrl;
    stopPg = pg.stop;
  }
  const stopDatabase = async () => {
    await stopPg?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  let livekit: Awaited<ReturnType<typeof startTestLivekit>>;
  let redis: Awaited<ReturnType<typeof startTestRedis>> = null;
  try {
    const templateUrl = new URL(adminUrl);
    templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
    await ensureDatabase(adminUrl, TEMPLATE_DATABASE);
    const orm = await createOrm(templateUrl.toString());
    await migrateUp(orm);
    await orm.close(true);
    livekit = await startTestLivekit();
    redis = await startTestRedis();
  } catch (error) {
    await redis?.stop();
    await stopDatabase();
    throw error;
  }
  return {
    pgAdminUrl: adminUrl,
    livekit: livekit?.info ?? null,
    redisUrl: redis?.url ?? null,
    async stop() {
      await redis?.stop();
      await livekit?.stop();
      await stopDatabase();
    },
  };
}

export default async function setup(project: TestProject) {
  const services = await startTestServices();
  project.provide('pgAdminUrl', services.pgAdminUrl);
  project.provide('livekit', services.livekit);
  project.provide('redisUrl', services.redisUrl);
  return () => services.stop();
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { ensureDatabase } from '../db/bootstrap.js';
import { createOrm, migrateUp } from '../db/orm.js';
import { startTestLivekit } from './livekit-setup.js';

export const TEMPLATE_DATABASE = 'pp_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    livekit: { url: string; apiKey: string; apiSecret: string; webhookRelayUrl?: string } | null;
  }
}

/**
 * One embedded PostgreSQL (and one LiveKit server, when built) for the whole run.
 * The template database carries every migration; each test file clones it.
 * `TEST_DATABASE_URL` (an admin URL of another server) skips the embedded one.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stopPg: (() => Promise<void>) | null = null;
  let dir: string | null = null;
  if (!adminUrl) {
    dir = mkdtempSync(join(tmpdir(), 'pp-test-pg-'));
    const pg = await startEmbeddedPostgres(join(dir, 'data'));
    adminUrl = pg.adminUrl;
    stopPg = pg.stop;
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await ensureDatabase(adminUrl, TEMPLATE_DATABASE);
  const orm = await createOrm(templateUrl.toString());
  await migrateUp(orm);
  await orm.close(true);

  const livekit = await startTestLivekit();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('livekit', livekit?.info ?? null);

  return async () => {
    await livekit?.stop();
    await stopPg?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirInUse, startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded.js';
import { startTestStack, type TestStack } from '../test/stack.js';

/** The process lifecycle: readiness per dependency, a durable embedded database, stale or shared data folders. */

async function setting(url: string, names: string[]): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select name, setting from pg_settings where name = any($1)', [names]);
    return Object.fromEntries((rows as { name: string; setting: string }[]).map((r) => [r.name, r.setting]));
  } finally {
    await client.end();
  }
}

describe('/readyz', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('is 503 unready when the database is down, and ok again once it is back; every dependency is listed', async () => {
    const database = stack.orm.config.get('dbName');
    const admin = new pg.Client({ connectionString: stack.orm.config.getClientUrl().replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    try {
      await admin.query(`alter database "${database}" allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database]);
      const down = await fetch(`${stack.baseUrl}/readyz`);
      expect(down.status).toBe(503);
      const body = await down.json();
      expect(body.status).toBe('unready');
      expect(body.dependencies.database).toMatchObject({ ok: false, state: 'down' });
      expect(body.dependencies.livekit).toBeDefined();
    } finally {
      await admin.query(`alter database "${database}" allow_connections true`);
      await admin.end();
    }
    await expect.poll(async () => (await fetch(`${stack.baseUrl}/readyz`)).status, { timeout: 10_000 }).toBe(200);
  });
});

describe('embedded PostgreSQL', () => {
  const dirs: string[] = [];
  const servers: EmbeddedDatabase[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-lifecycle-'));
    dirs.push(dir);
    return join(dir, 'postgres');
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("keeps a person's data durably (fsync, synchronous commits, full pages); only throwaway clusters skip that", async () => {
    const names = ['fsync', 'synchronous_commit', 'full_page_writes'];
    const durable = await startEmbeddedPostgres(tempDir());
    servers.push(durable);
    expect(await setting(durable.adminUrl, names)).toEqual({ fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' });
    const throwaway = await startEmbeddedPostgres(tempDir(), { throwaway: true });
    servers.push(throwaway);
    expect(await setting(throwaway.adminUrl, names)).toEqual({ fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' });
  });

  it('a data folder held by a live process is refused with a clear message; a stale pid file is cleared', async () => {
    const dir = tempDir();
    const first = await startEmbeddedPostgres(dir);
    const error = await startEmbeddedPostgres(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirInUse);
    expect((error as Error).message).toBe(
      `The data folder ${dir} is in use by process ${process.pid} (another \`npm start\`?). Stop it or set DATA_DIR.`,
    );
    expect(await setting(first.adminUrl, ['fsync'])).toEqual({ fsync: 'on' }); // the first one still serves
    await first.stop();

    // A crash left a pid file whose process is gone (here: a finished child's pid).
    const gone = spawnSync('true').pid;
    writeFileSync(join(dir, 'postmaster.pid'), `${gone}\n${dir}\n0\n5432\n`);
    const again = await startEmbeddedPostgres(dir);
    servers.push(again);
    expect(await setting(again.adminUrl, ['fsync'])).toEqual({ fsync: 'on' });
  });
});

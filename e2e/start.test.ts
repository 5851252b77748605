import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { freePort } from '../api/src/kernel/freePort.js';

const ROOT = join(import.meta.dirname, '..');
/** As scripts/lib/paths.mjs finds it: `npm start` runs LiveKit when the binary is there. */
const hasLivekit = [process.env.LIVEKIT_BIN, join(ROOT, '.tools/bin/livekit-server')].some((p) => p && existsSync(p));
type Readiness = { status: string; dependencies: Record<string, { state: string }> };

/** `npm start` in its own process group (like a terminal: Ctrl-C reaches every process in it), with its output collected. */
async function npmStart(dataDir: string) {
  const [port, lkPort, lkTcp, lkUdp] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      LIVEKIT_PORT: String(lkPort),
      LIVEKIT_RTC_TCP_PORT: String(lkTcp),
      LIVEKIT_RTC_UDP_PORT: String(lkUdp),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = {
    child,
    port,
    lkPort,
    output: '',
    exited: new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? `code ${code}`))),
    readyz: async (): Promise<{ code: number; body: Readiness } | null> => {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
      return res ? { code: res.status, body: await res.json() } : null;
    },
    /** Polls /readyz until it answers 200 (or the process ends); the body, or null. */
    async ready(): Promise<Readiness | null> {
      let done = false;
      void run.exited.then(() => (done = true));
      for (let i = 0; i < 240 && !done; i++) {
        const answer = await run.readyz();
        if (answer?.code === 200) return answer.body;
        await new Promise((r) => setTimeout(r, 500));
      }
      return null;
    },
    /** The processes of its group: [pid, args]. */
    processes(): [number, string][] {
      return execSync('ps -eo pid=,pgid=,args=', { encoding: 'utf8' })
        .split('\n')
        .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => !!m && Number(m[2]) === child.pid)
        .map((m) => [Number(m[1]), m[3]]);
    },
  };
  child.stdout.on('data', (d) => (run.output += d));
  child.stderr.on('data', (d) => (run.output += d));
  return run;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
function tempDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-start-'));
  cleanups.push(() => {
    // Whatever a failed test left: every process started on this folder, then the folder.
    const pids = execSync(`ps -eo pid=,args= | grep -F -- '${dataDir}' | grep -v grep || true`, { encoding: 'utf8' });
    for (const pid of pids
      .split('\n')
      .map((l) => Number.parseInt(l, 10))
      .filter(Boolean)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
  return dataDir;
}
function leftovers(dataDir: string): string {
  return execSync(`ps -eo args | grep -F -- '${dataDir}' | grep -v grep || true`, { encoding: 'utf8' }).trim();
}
/**
 * What still runs on `dataDir` once a stopped `npm start` has settled: '' when everything stopped within 15 s. Ctrl-C
 * ends npm itself at once, as in a terminal; its children take a moment more to stop PostgreSQL, which writes a
 * checkpoint first (CI run21 found it still running right after npm had gone, on a busy machine).
 */
async function leftoversOnceStopped(dataDir: string): Promise<string> {
  for (let waitedMs = 0; waitedMs < 15_000 && leftovers(dataDir); waitedMs += 200) await sleep(200);
  return leftovers(dataDir);
}
async function stopped(run: Awaited<ReturnType<typeof npmStart>>): Promise<string> {
  return Promise.race([run.exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 30_000))]);
}

/** The embedded PostgreSQL of a running `npm start` (port from its postmaster.pid; user and password of api/src/db/embedded.ts). */
async function query(dataDir: string, text: string): Promise<Record<string, string>[]> {
  const port = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3];
  const client = new pg.Client({ connectionString: `postgresql://pp:pp-embedded@127.0.0.1:${port}/postgres` });
  await client.connect();
  try {
    return (await client.query(text)).rows as Record<string, string>[];
  } finally {
    await client.end();
  }
}

it('`npm start` comes up with a temporary DATA_DIR and PORT, answers /readyz, keeps data durably, and stops cleanly on SIGINT', async () => {
  const dataDir = tempDataDir();
  const run = await npmStart(dataDir);
  try {
    const ready = await run.ready();
    expect(ready, run.output).not.toBeNull();
    expect(ready!.status).toBe('ok');
    expect(ready!.dependencies.database.state).toBe('ok');
    expect(run.output).toContain(`http://localhost:${run.port}`);
    const health = await fetch(`http://127.0.0.1:${run.port}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    // The data a person keeps under DATA_DIR survives a power cut.
    const settings = await query(
      dataDir,
      "select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes')",
    );
    expect(Object.fromEntries(settings.map((s) => [s.name, s.setting]))).toEqual({
      fsync: 'on',
      synchronous_commit: 'on',
      full_page_writes: 'on',
    });
  } finally {
    process.kill(-run.child.pid!, 'SIGINT');
  }
  const how = await stopped(run);
  // npm itself ends by the signal, as it does for Ctrl-C in a terminal; what matters is that
  // every child stopped on its own: no PostgreSQL left, no crash output, nothing listening.
  expect(['code 0', 'SIGINT'], run.output).toContain(how);
  expect(await leftoversOnceStopped(dataDir)).toBe('');
  expect(run.output).not.toMatch(/exited \(code [1-9]|Error:/);
  expect(await fetch(`http://127.0.0.1:${run.port}/healthz`).catch(() => 'closed')).toBe('closed');
}, 120_000);

it('after a crash that left PostgreSQL running, the next `npm start` stops the orphan and serves', async () => {
  const dataDir = tempDataDir();
  const first = await npmStart(dataDir);
  expect(await first.ready(), first.output).not.toBeNull();
  // A crash: every process but PostgreSQL dies at once (kill -9), which leaves the database server orphaned.
  for (const [pid, args] of first.processes()) if (!/postgres/.test(args)) process.kill(pid, 'SIGKILL');
  await stopped(first);
  expect(leftovers(dataDir)).toMatch(/postgres/);

  const second = await npmStart(dataDir);
  try {
    const ready = await second.ready();
    expect(ready, second.output).not.toBeNull();
    expect(ready!.dependencies.database.state).toBe('ok');
    expect(second.output).not.toMatch(/uncaught|Error:/i);
  } finally {
    process.kill(-second.child.pid!, 'SIGINT');
  }
  await stopped(second);
  expect(await leftoversOnceStopped(dataDir)).toBe('');
}, 180_000);

it('a second `npm start` on the same DATA_DIR exits with a clear message and leaves the first one serving', async () => {
  const dataDir = tempDataDir();
  const first = await npmStart(dataDir);
  try {
    expect(await first.ready(), first.output).not.toBeNull();
    const second = await npmStart(dataDir);
    const how = await stopped(second);
    expect(how, second.output).toBe('code 1');
    expect(second.output).toContain(`The data folder ${join(dataDir, 'postgres')} is in use by process`);
    expect(second.output).toContain('(another `npm start`?). Stop it or set DATA_DIR.');
    expect(second.output).not.toMatch(/uncaught/i);
    expect((await first.readyz())?.code).toBe(200);
  } finally {
    process.kill(-first.child.pid!, 'SIGINT');
  }
  await stopped(first);
  expect(await leftoversOnceStopped(dataDir)).toBe('');
}, 180_000);

it.skipIf(!hasLivekit)(
  'when LiveKit dies, the API keeps serving (/readyz degraded) and LiveKit is restarted',
  async () => {
    const dataDir = tempDataDir();
    const run = await npmStart(dataDir);
    try {
      expect((await run.ready())?.dependencies.livekit?.state, run.output).toBe('ok');
      const livekit = run.processes().find(([, args]) => args.includes('livekit-server'));
      expect(livekit, run.output).toBeDefined();
      process.kill(livekit![0], 'SIGKILL');
      // The API answers all along; /readyz says degraded (200) until LiveKit is back, then ok.
      const seen: string[] = [];
      for (let i = 0; i < 120 && seen.at(-1) !== 'ok'; i++) {
        const answer = await run.readyz();
        expect(answer?.code, run.output).toBe(200);
        if (answer!.body.status !== seen.at(-1)) seen.push(answer!.body.status);
        if (seen.at(-1) !== 'ok') await new Promise((r) => setTimeout(r, 250));
      }
      expect(seen, run.output).toEqual(['degraded', 'ok']);
      expect(run.output).toMatch(/livekit exited \(SIGKILL\); restarting it in 1 s/);
      expect(run.processes().some(([pid, args]) => args.includes('livekit-server') && pid !== livekit![0])).toBe(true);
    } finally {
      process.kill(-run.child.pid!, 'SIGINT');
    }
    await stopped(run);
    expect(await leftoversOnceStopped(dataDir)).toBe('');
  },
  180_000,
);

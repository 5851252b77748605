import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { freePort } from '../api/src/db/embedded.js';

const ROOT = join(import.meta.dirname, '..');

it('`npm start` comes up with a temporary DATA_DIR and PORT, answers /readyz, and stops cleanly on SIGINT', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-start-'));
  const [port, lkPort, lkTcp, lkUdp] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true, // its own process group, like a terminal: Ctrl-C reaches every process in it
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
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
  try {
    let ready: { status: string; dependencies: Record<string, { state: string }> } | null = null;
    for (let i = 0; i < 120 && !ready; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
      if (res?.ok) ready = await res.json();
    }
    expect(ready, output).not.toBeNull();
    expect(ready!.status).toBe('ready');
    expect(ready!.dependencies.database.state).toBe('ok');
    expect(output).toContain(`http://localhost:${port}`);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  } finally {
    process.kill(-child.pid!, 'SIGINT');
  }
  const how = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 20_000))]);
  // npm itself ends by the signal, as it does for Ctrl-C in a terminal; what matters is that
  // every child stopped on its own: no crash output, nothing listening, no PostgreSQL left.
  expect(['code 0', 'SIGINT'], output).toContain(how);
  expect(output).not.toMatch(/exited \(code [1-9]|Error:/);
  expect(await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => 'closed')).toBe('closed');
  const leftovers = execSync(`ps -eo args | grep -F -- '${dataDir}' | grep -v grep || true`, { encoding: 'utf8' }).trim();
  expect(leftovers).toBe('');
  rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

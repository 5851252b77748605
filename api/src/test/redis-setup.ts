/**
 * A real Redis server for the tests (started once by the global setup, when `redis-server` is installed).
 *
 * - `TEST_REDIS=required` (CI): a missing `redis-server` fails the run. `TEST_REDIS=off`: none on purpose.
 *   Unset: a missing one is a warning and the Redis-dependent tests skip (a newcomer's `npm test` needs nothing new).
 * - `REDIS_BIN` overrides the binary. The server runs on a free loopback port with no persistence.
 * - Each test file that needs isolation uses its own logical database or key prefix (see `redisUrlFor`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { delimiter, join } from 'node:path';
import { freePort } from '../kernel/freePort.js';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

function findRedisServer(): string | null {
  if (process.env.REDIS_BIN && existsSync(process.env.REDIS_BIN)) return process.env.REDIS_BIN;
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin']) {
    if (dir && existsSync(join(dir, 'redis-server'))) return join(dir, 'redis-server');
  }
  return null;
}

/** A free loopback UDP port (LiveKit's RTC port). */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const { port } = socket.address();
  await new Promise<void>((r) => socket.close(() => r()));
  return port;
}

/** Starts `redis-server` on a free loopback port; resolves once it accepts connections. */
export async function startRedisServer(binary: string, port?: number): Promise<TestRedis> {
  const chosen = port ?? (await freePort());
  const child = spawn(
    binary,
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  child.stdout.removeAllListeners('data');
  child.stderr.removeAllListeners('data');
  child.stdout.resume();
  child.stderr.resume();
  return {
    url: `redis://127.0.0.1:${chosen}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

export async function startTestRedis(): Promise<TestRedis | null> {
  if (process.env.TEST_REDIS === 'off') {
    console.warn('[redis] TEST_REDIS=off: tests that need Redis are skipped.');
    return null;
  }
  const binary = findRedisServer();
  if (!binary) {
    if (process.env.TEST_REDIS === 'required') {
      throw new Error('[redis] TEST_REDIS=required but no redis-server was found (REDIS_BIN or PATH): `apt-get install redis-server`.');
    }
    console.warn('[redis] No redis-server on PATH: tests that need Redis are skipped (`apt-get install redis-server`).');
    return null;
  }
  return startRedisServer(binary);
}

let nextDb = 1;
/**
 * A URL of its own for one test stack: a separate logical database (1–15, then wrapping), so parallel files do not
 * see each other's keys. Database 0 is left for ad-hoc use.
 */
export function redisUrlFor(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${(nextDb++ % 15) + 1}`;
  return url.toString();
}

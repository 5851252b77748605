// `npm start` (and `npm run dev` with --dev): PostgreSQL (embedded, inside the API process),
// the LiveKit server, the API serving the built client, all on loopback. Ctrl-C stops all of it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findLivekitBinary, ROOT } from './lib/paths.mjs';

const dev = process.argv.includes('--dev');
const port = process.env.PORT || '4000';
const children = [];
let stopping = false;
/** Pending restarts of supervised children (cleared when stopping). */
const restarts = new Set();

/**
 * Starts a child. `restart` (LiveKit: calls are one feature, not the app) restarts it when it exits, after an
 * exponential back-off (1 s, 2 s, 4 s … 30 s; back to 1 s once it ran for a minute); the rest keeps serving.
 * Any other child exiting stops everything.
 */
function start(name, command, args, env = {}, { restart = false } = {}) {
  let attempt = 0;
  const launch = () => {
    const startedAt = Date.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.name = name;
    children.push(child);
    child.on('error', (error) => console.error(`${name}: ${error.message}`));
    child.on('exit', (code, signal) => {
      children.splice(children.indexOf(child), 1);
      if (stopping) {
        if (!children.length) process.exit(process.exitCode ?? 0);
      } else if (restart) {
        if (Date.now() - startedAt > 60_000) attempt = 0;
        const delay = Math.min(1000 * 2 ** attempt++, 30_000);
        console.error(`${name} exited (${signal ?? `code ${code}`}); restarting it in ${delay / 1000} s. Everything else keeps running.`);
        const timer = setTimeout(() => {
          restarts.delete(timer);
          if (!stopping) launch();
        }, delay);
        restarts.add(timer);
      } else {
        console.error(`${name} exited (${signal ?? `code ${code}`}); stopping everything.`);
        void stop(code || 1);
      }
    });
  };
  launch();
}
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const timer of restarts) clearTimeout(timer);
  for (const child of children) child.kill(child.name === 'api' ? 'SIGINT' : 'SIGTERM');
  setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(code || 1);
  }, 12_000).unref();
  if (!children.length) process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGHUP', () => void stop(0));
process.on('uncaughtException', (error) => {
  console.error(error);
  void stop(1);
});

const apiEnv = { PORT: port };
// livekit.yaml's key pair is public: with NODE_ENV=production the local LiveKit runs only with the deployment's own
// LIVEKIT_API_KEY/LIVEKIT_API_SECRET (written over the file's keys); without them video calls stay off.
const production = process.env.NODE_ENV === 'production';
const ownKeys = process.env.LIVEKIT_API_KEY && process.env.LIVEKIT_API_SECRET;
if (!process.env.LIVEKIT_URL && production && !ownKeys) {
  console.error('NODE_ENV=production: not starting LiveKit with the development keys; set LIVEKIT_API_KEY/SECRET for calls.');
} else if (!process.env.LIVEKIT_URL) {
  const binary = findLivekitBinary();
  const configPath = join(ROOT, 'livekit.yaml');
  if (binary && existsSync(configPath)) {
    const lkPort = process.env.LIVEKIT_PORT || '7880';
    // The webhook must reach this API, whatever PORT it runs on.
    let config = readFileSync(configPath, 'utf8').replace(/localhost:4000/g, `localhost:${port}`);
    if (production) {
      const [key, secret] = [process.env.LIVEKIT_API_KEY, process.env.LIVEKIT_API_SECRET];
      config = config.replace(/keys:\s*\n\s+[\w-]+:.*/, `keys:\n  ${key}: ${secret}`).replace(/api_key:.*/, `api_key: ${key}`);
    }
    const keys = /keys:\s*\n\s+([\w-]+):\s*['"]?([^'"\s]+)/.exec(config);
    start(
      'livekit',
      binary,
      [
        '--config-body',
        config,
        '--port',
        lkPort,
        '--rtc.tcp_port',
        process.env.LIVEKIT_RTC_TCP_PORT || '7881',
        '--udp-port',
        process.env.LIVEKIT_RTC_UDP_PORT || '7882',
        '--bind',
        '127.0.0.1',
      ],
      {},
      { restart: true },
    );
    Object.assign(apiEnv, {
      LIVEKIT_URL: `ws://127.0.0.1:${lkPort}`,
      LIVEKIT_PUBLIC_URL: process.env.LIVEKIT_PUBLIC_URL || `ws://localhost:${lkPort}`,
      LIVEKIT_API_KEY: keys?.[1] ?? '',
      LIVEKIT_API_SECRET: keys?.[2] ?? '',
    });
  }
}

start('api', join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'api/src/main.ts')], apiEnv);
if (dev) {
  start('vite', 'npm', ['run', 'dev', '-w', 'client', '--', '--host', '127.0.0.1'], { API_URL: `http://127.0.0.1:${port}` });
  console.log('Vite dev server with hot reload: http://localhost:5173 (proxies the API)');
}

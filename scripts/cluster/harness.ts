/**
 * A production-like cluster on loopback, from real processes: Redis, PostgreSQL 15 (Debian's, run as `postgres`)
 * behind pgbouncer in transaction mode, two LiveKit nodes sharing the Redis, two API instances, and haproxy in front
 * of the API (health checks on /readyz) and of LiveKit's signalling. Used by `npm run test:cluster`
 * (e2e/cluster/); everything it started is stopped by `stop()`, and killed when the process exits.
 */
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from '../../api/src/kernel/freePort.js';
import { freeUdpPort, startRedisServer } from '../../api/src/test/redis-setup.js';
import { haproxyCfg, livekitYaml, pgbouncerIni } from './configs.js';
import { httpOk, removeOnExit, startProcess, userIds, waitFor, type Proc } from './processes.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const LIVEKIT_BIN = process.env.LIVEKIT_BIN ?? join(ROOT, '.tools/bin/livekit-server');
/** Test-only keys (the API refuses them when NODE_ENV=production). */
const LIVEKIT_KEY = 'devkey';
const LIVEKIT_SECRET = 'pp-enter-cluster-test-secret-0123456789';
const DATABASE = 'pp';

export interface ClusterOptions {
  /** Extra environment of both API instances. */
  apiEnv?: Record<string, string>;
}

export interface ApiInstance {
  readonly index: 1 | 2;
  readonly port: number;
  proc: Proc | null;
}

export interface Cluster {
  /** The load balancer: what clients and browsers use. */
  baseUrl: string;
  livekitPublicUrl: string;
  api: [ApiInstance, ApiInstance];
  /** Starts instance `index` (again) and waits until the load balancer sends it traffic. */
  startApi(index: 1 | 2): Promise<void>;
  /** Stops instance `index`: SIGTERM waits for its graceful shutdown, SIGKILL is a crash. */
  stopApi(index: 1 | 2, signal?: NodeJS.Signals): Promise<void>;
  /** Waits until haproxy reports the server (`api1`, `lk2`, …) in `state` (UP / DOWN). */
  waitBalancer(server: string, state: 'UP' | 'DOWN'): Promise<void>;
  /** haproxy's per-server figures (`scur` current sessions, `stot` total, `status`). */
  balancerStats(): Promise<Record<string, Record<string, string>>>;
  stop(): Promise<void>;
}

/**
 * How the instances run: `node api/dist/main.js` when `npm run build:api` made it and it is newer than every source
 * file, else the TypeScript source through tsx's loader (one process either way, so a kill kills the API).
 * CLUSTER_API=dist (CI) requires a current build; CLUSTER_API=source always runs the source.
 */
function apiCommand(): string[] {
  const dist = join(ROOT, 'api/dist/main.js');
  const source = ['--import', 'tsx', join(ROOT, 'api/src/main.ts')];
  const choice = process.env.CLUSTER_API;
  if (choice === 'source') return source;
  const current = existsSync(dist) && statSync(dist).mtimeMs >= newestSource(join(ROOT, 'api/src'));
  if (current) return [dist];
  if (choice === 'dist') throw new Error(`CLUSTER_API=dist: ${dist} is missing or older than api/src; run \`npm run build:api\`.`);
  return source;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  for (const [what, path] of [
    ['PostgreSQL 15', join(PG_BIN, 'postgres')],
    ['LiveKit', LIVEKIT_BIN],
  ]) {
    if (!existsSync(path)) throw new Error(`${what} is missing (${path}): the cluster test needs it (see .ci/run).`);
  }
  const command = apiCommand();
  console.log(`[cluster] API instances: node ${command.join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'pp-cluster-'));
  chmodSync(dir, 0o755);
  const scratch = removeOnExit(dir);
  const procs: Proc[] = [];
  const stops: (() => Promise<void>)[] = [];
  const api: [ApiInstance, ApiInstance] = [
    { index: 1, port: await freePort(), proc: null },
    { index: 2, port: await freePort(), proc: null },
  ];
  const stopAll = async () => {
    await Promise.all(api.map((a) => a.proc?.stop('SIGTERM', 5000)));
    for (const proc of procs.reverse()) await proc.stop('SIGTERM', 5000);
    for (const stop of stops.reverse()) await stop();
    rmSync(dir, { recursive: true, force: true });
    scratch.forget();
  };
  try {
    const redis = await startRedisServer(process.env.REDIS_BIN ?? 'redis-server');
    stops.push(redis.stop);
    const redisAddress = redis.url.replace('redis://', '');

    // PostgreSQL 15, owned by `postgres` (it refuses root), trust auth on loopback only.
    const pgPort = await freePort();
    const pgData = join(dir, 'pg');
    mkdirSync(pgData, { mode: 0o700 });
    chownSync(pgData, userIds('postgres').uid, userIds('postgres').gid);
    const initdb = startProcess(
      'initdb',
      join(PG_BIN, 'initdb'),
      ['-D', pgData, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
      {
        user: 'postgres',
      },
    );
    await initdb.exit;
    if (initdb.child.exitCode !== 0) throw new Error(`initdb failed:\n${initdb.output()}`);
    const postgres = startProcess(
      'postgres',
      join(PG_BIN, 'postgres'),
      ['-D', pgData, '-p', String(pgPort), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
      { user: 'postgres' },
    );
    procs.push(postgres);
    const admin = `postgres://postgres@127.0.0.1:${pgPort}/postgres`;
    await waitFor('PostgreSQL', () => query(admin, 'select 1').then(() => true), postgres);
    await query(admin, `create database ${DATABASE}`);

    const bouncerPort = await freePort();
    const bouncerIni = join(dir, 'pgbouncer.ini');
    writeFileSync(bouncerIni, pgbouncerIni({ port: bouncerPort, postgresPort: pgPort, database: DATABASE }));
    const bouncer = startProcess('pgbouncer', 'pgbouncer', [bouncerIni], { user: 'postgres' });
    procs.push(bouncer);
    const databaseUrl = `postgres://postgres@127.0.0.1:${bouncerPort}/${DATABASE}`;
    await waitFor('pgbouncer', () => query(databaseUrl, 'select 1').then(() => true), bouncer);

    const [lbPort, lkLbPort, statsPort] = [await freePort(), await freePort(), await freePort()];
    const baseUrl = `http://127.0.0.1:${lbPort}`;
    const livekitPorts: number[] = [];
    for (const n of [1, 2]) {
      const port = await freePort();
      livekitPorts.push(port);
      const file = join(dir, `livekit${n}.yaml`);
      writeFileSync(
        file,
        livekitYaml({
          port,
          rtcTcpPort: await freePort(),
          rtcUdpPort: await freeUdpPort(),
          redisAddress,
          webhookUrl: `${baseUrl}/livekit/webhook`,
          apiKey: LIVEKIT_KEY,
          apiSecret: LIVEKIT_SECRET,
        }),
      );
      const node = startProcess(`livekit${n}`, LIVEKIT_BIN, ['--config', file]);
      procs.push(node);
      await waitFor(`LiveKit node ${n}`, httpOk(`http://127.0.0.1:${port}/`), node, 30_000);
    }

    const cfg = join(dir, 'haproxy.cfg');
    writeFileSync(
      cfg,
      haproxyCfg({ apiPort: lbPort, apiServers: api.map((a) => a.port), livekitPort: lkLbPort, livekitServers: livekitPorts, statsPort }),
    );
    const haproxy = startProcess('haproxy', 'haproxy', ['-db', '-f', cfg]);
    procs.push(haproxy);
    const statsUrl = `http://127.0.0.1:${statsPort}/stats;csv`;
    await waitFor('haproxy', httpOk(statsUrl), haproxy);

    const livekitPublicUrl = `ws://127.0.0.1:${lkLbPort}`;
    const dataDir = join(dir, 'media');
    mkdirSync(dataDir);
    const apiEnv: NodeJS.ProcessEnv = {
      ...process.env,
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      JWT_SECRET: 'pp-enter-cluster-test-jwt-secret-0123456789',
      PUBLIC_URL: baseUrl,
      // The API reaches LiveKit through the balancer too; browsers get the same URL.
      LIVEKIT_URL: livekitPublicUrl,
      LIVEKIT_PUBLIC_URL: livekitPublicUrl,
      LIVEKIT_API_KEY: LIVEKIT_KEY,
      LIVEKIT_API_SECRET: LIVEKIT_SECRET,
      // Media on a volume both instances share.
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.CLUSTER_LOG ? 'info' : 'warn',
      CALL_RING_TIMEOUT_MS: '4000',
      ...highRateLimits(),
      ...options.apiEnv,
    };

    const balancerStats = async () => {
      const text = await (await fetch(statsUrl)).text();
      const [header, ...rows] = text.trim().split('\n');
      const names = header.replace(/^# /, '').split(',');
      const out: Record<string, Record<string, string>> = {};
      for (const row of rows) {
        const cells = row.split(',');
        const record = Object.fromEntries(names.map((n, i) => [n, cells[i]]));
        out[record.svname] = record;
      }
      return out;
    };
    const waitBalancer = (server: string, state: 'UP' | 'DOWN') =>
      waitFor(`haproxy to see ${server} ${state}`, async () => (await balancerStats())[server]?.status.startsWith(state) ?? false);

    const startApi = async (index: 1 | 2) => {
      const instance = api[index - 1];
      if (instance.proc && !instance.proc.exited()) throw new Error(`API instance ${index} is already running`);
      instance.proc = startProcess(`api${index}`, process.execPath, command, {
        cwd: ROOT,
        env: { ...apiEnv, PORT: String(instance.port) },
      });
      await waitFor(`API instance ${index}`, httpOk(`http://127.0.0.1:${instance.port}/readyz`), instance.proc, 90_000);
      await waitBalancer(`api${index}`, 'UP');
    };
    const stopApi = async (index: 1 | 2, signal: NodeJS.Signals = 'SIGTERM') => {
      await api[index - 1].proc?.stop(signal);
      await waitBalancer(`api${index}`, 'DOWN');
    };

    // One after the other: the first applies the migrations (MIGRATE_ON_START, through pgbouncer).
    await startApi(1);
    await startApi(2);
    return { baseUrl, livekitPublicUrl, api, startApi, stopApi, waitBalancer, balancerStats, stop: stopAll };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}

async function query(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Tests sign up and act far more from 127.0.0.1 than a person would. */
function highRateLimits(): Record<string, string> {
  const rules = [
    'REGISTER',
    'LOGIN_CLIENT',
    'LOGIN_ACCOUNT',
    'FRIEND_REQUESTS',
    'CHAT_MESSAGES',
    'COMMENTS',
    'UPLOADS_USER',
    'UPLOADS_CLIENT',
  ];
  return Object.fromEntries(rules.map((rule) => [`RATE_LIMIT_${rule}`, '100000/1']));
}

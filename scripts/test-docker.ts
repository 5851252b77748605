// `npm run test:docker`: builds the images, brings docker/compose.yaml up (haproxy, two API instances, PostgreSQL,
// Redis, two LiveKit nodes), runs sign-up → upload → post → like → live notification through the load balancer,
// and brings everything down again (also on failure). Exits 0 with the reason when no Docker engine can start.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { gql, signUp, subscribe, wsClient } from '../api/src/test/client.js';
import { uploadMedia } from '../api/src/features/media/media.testkit.js';
import { freePort } from '../api/src/kernel/freePort.js';
import { buildImage, ensureEngine, imageExists, ROOT, run } from './lib/docker.js';

const started = Date.now();
const timings: { name: string; ms: number }[] = [];
let phaseStart = Date.now();
function phase(name: string) {
  const now = Date.now();
  if (timings.length) timings[timings.length - 1].ms = now - phaseStart;
  timings.push({ name, ms: 0 });
  phaseStart = now;
  console.log(`\n== test:docker: ${name}`);
}
const printTimings = () => {
  if (timings.length) timings[timings.length - 1].ms = Date.now() - phaseStart;
  for (const t of timings) console.log(`  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.name}`);
  console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  total`);
};

const engine = await ensureEngine();
if ('skip' in engine) {
  console.log(`test:docker: skipped: ${engine.skip}`);
  process.exit(0);
}

// Local stand-ins for the public images (no registry is reachable in CI); the compose file is the one users run.
const DEBIAN = 'pp-local/debian:bookworm-slim';
const NODE = 'pp-local/node:20-bookworm-slim';
const SERVICES = 'pp-local/services:bookworm';
const API_IMAGE = 'pp-enter/api:test';
const LIVEKIT_IMAGE = 'pp-enter/livekit:test';
const secret = () => randomBytes(24).toString('hex');
const port = async () => String(await freePort());
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  API_IMAGE,
  LIVEKIT_IMAGE,
  PG_IMAGE: SERVICES,
  REDIS_IMAGE: SERVICES,
  HAPROXY_IMAGE: SERVICES,
  POSTGRES_PASSWORD: secret(),
  JWT_SECRET: secret(),
  LIVEKIT_API_KEY: `key${randomBytes(4).toString('hex')}`,
  LIVEKIT_API_SECRET: secret(),
  LB_BIND: '127.0.0.1',
  LB_PORT: await port(),
  LIVEKIT_LB_PORT: await port(),
  API1_PORT: await port(),
  API2_PORT: await port(),
  PG_PORT: await port(),
  REDIS_PORT: await port(),
  LK1_PORT: await port(),
  LK1_RTC_TCP_PORT: await port(),
  LK1_RTC_UDP_PORT: await port(),
  LK2_PORT: await port(),
  LK2_RTC_TCP_PORT: await port(),
  LK2_RTC_UDP_PORT: await port(),
};
env.PUBLIC_URL = `http://127.0.0.1:${env.LB_PORT}`;
env.LIVEKIT_PUBLIC_URL = `ws://127.0.0.1:${env.LIVEKIT_LB_PORT}`;
const base = env.PUBLIC_URL;
const stack = { baseUrl: base };
const compose = ['-p', `ppenter-test-${process.pid}`, '-f', join(ROOT, 'docker/compose.yaml')];
const dc = (...args: string[]) => run('docker-compose', [...compose, ...args], { env });

let failed = false;
let up = false;
try {
  phase('base images (scripts/docker-base-image.sh)');
  run('bash', [join(ROOT, 'scripts/docker-base-image.sh')]);
  if (!imageExists(SERVICES)) buildImage('docker/local/Dockerfile.services', SERVICES, { BASE_IMAGE: DEBIAN });

  phase('build docker/Dockerfile.api and docker/Dockerfile.livekit');
  buildImage('docker/Dockerfile.api', API_IMAGE, { NODE_IMAGE: NODE });
  buildImage('docker/Dockerfile.livekit', LIVEKIT_IMAGE, { BASE_IMAGE: DEBIAN });
  for (const image of [API_IMAGE, LIVEKIT_IMAGE]) {
    const uid = spawnSync('docker', ['run', '--rm', '--entrypoint', 'id', image, '-u'], { encoding: 'utf8' }).stdout.trim();
    if (!/^[1-9]\d*$/.test(uid)) throw new Error(`${image} runs as uid ${JSON.stringify(uid)}, expected a non-root user`);
  }

  phase('docker-compose up -d');
  up = true;
  dc('up', '-d', '--no-build');

  phase('wait for /readyz through the load balancer and on both instances');
  for (const url of [`http://127.0.0.1:${env.API1_PORT}`, `http://127.0.0.1:${env.API2_PORT}`, base]) {
    const ready = await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 180_000);
    if (!ready) throw new Error(`${url}/readyz never answered 200`);
  }
  console.log(JSON.stringify(await (await fetch(`${base}/readyz`)).json()));

  phase('sign-up → upload → post → like → live notification, through the load balancer');
  await userPath();
} catch (error) {
  failed = true;
  console.error(`\ntest:docker: FAILED: ${(error as Error).stack ?? error}`);
  if (up) spawnSync('docker-compose', [...compose, 'logs', '--no-color', '--tail', '40'], { stdio: 'inherit', env });
} finally {
  if (up) {
    phase('docker-compose down -v');
    try {
      dc('down', '-v', '--remove-orphans');
    } catch (error) {
      failed = true;
      console.error((error as Error).message);
    }
  }
  engine.stop();
  printTimings();
}
console.log(failed ? '\ntest:docker: FAILED' : '\ntest:docker: passed');
process.exit(failed ? 1 : 0);

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

async function userPath() {
  const author = await signUp(stack);
  const fan = await signUp(stack);
  const mediaId = await uploadMedia(stack, author.token);
  const created = await gql(
    stack,
    'mutation($input: CreatePostInput!) { createPost(input: $input) { post { id media { url } } userErrors { message } } }',
    { input: { title: 'From the containers', mediaIds: [mediaId] } },
    { token: author.token },
  );
  const post = created.data?.createPost?.post;
  if (!post) throw new Error(`createPost: ${JSON.stringify(created.errors ?? created.data)}`);
  // One instance stored the image on the shared volume; round robin sends these two requests to both.
  for (let i = 0; i < 2; i++) {
    const image = await fetch(new URL(post.media[0].url, base), { headers: { authorization: `Bearer ${author.token}` } });
    if (image.status !== 200) throw new Error(`GET ${post.media[0].url}: ${image.status}`);
  }

  // Round robin puts the author's two sockets on different instances: the like must reach both.
  const clients = [wsClient(stack, author.token), wsClient(stack, author.token)];
  const subscriptions = clients.map((c) => subscribe(c, 'subscription { notificationAdded { type actor { id } post { id } } }'));
  await new Promise((r) => setTimeout(r, 500)); // graphql-ws has no per-operation ack: let the subscriptions register
  const t0 = Date.now();
  const liked = await gql(
    stack,
    'mutation($id: ID!) { likePost(postId: $id) { post { likeCount } userErrors { message } } }',
    { id: post.id },
    { token: fan.token },
  );
  if (liked.data?.likePost?.post?.likeCount !== 1) throw new Error(`likePost: ${JSON.stringify(liked.errors ?? liked.data)}`);
  const expected = { type: 'LIKE', actor: { id: fan.id }, post: { id: post.id } };
  try {
    for (const [i, subscription] of subscriptions.entries()) {
      const event = await subscription.next(10_000).catch((error: Error) => ({ error: error.message }));
      const got = 'data' in event ? event.data.notificationAdded : event;
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        throw new Error(`the author's socket ${i + 1} got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
      }
    }
  } finally {
    subscriptions.forEach((s) => s.dispose());
    await Promise.all(clients.map((c) => c.dispose()));
  }
  console.log(`  the like's notification reached both of the author's sockets in ${Date.now() - t0} ms`);

  // Stored in the compose PostgreSQL, not in an instance.
  const db = new pg.Client({ connectionString: `postgres://ppenter:${env.POSTGRES_PASSWORD}@127.0.0.1:${env.PG_PORT}/ppenter` });
  await db.connect();
  const { rows } = await db.query('select count(*)::int as n from likes');
  await db.end();
  if (rows[0].n !== 1) throw new Error(`expected 1 stored like, found ${rows[0].n}`);
}

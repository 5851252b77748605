// `npm run test:docker`: builds the images, brings docker/compose.yaml up (haproxy, two API instances, PostgreSQL,
// Redis, two LiveKit nodes), runs sign-up → upload → post → like → live notification through the load balancer,
// and brings everything down again (also on failure). Exits 0 with the reason when no Docker engine can start.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import sharp from 'sharp';
import WebSocket from 'ws';
import { buildImage, ensureEngine, freePort, imageExists, run } from './lib/docker.mjs';
import { ROOT } from './lib/paths.mjs';

const started = Date.now();
const timings = [];
let phaseStart = Date.now();
function phase(name) {
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
if (engine.skip) {
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
const env = {
  ...process.env,
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
const compose = ['-p', `ppenter-test-${process.pid}`, '-f', join(ROOT, 'docker/compose.yaml')];
const dc = (...args) => run('docker-compose', [...compose, ...args], { env });

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
  console.error(`\ntest:docker: FAILED: ${error.stack ?? error}`);
  if (up) spawnSync('docker-compose', [...compose, 'logs', '--no-color', '--tail', '40'], { stdio: 'inherit', env });
} finally {
  if (up) {
    phase('docker-compose down -v');
    try {
      dc('down', '-v', '--remove-orphans');
    } catch (error) {
      failed = true;
      console.error(error.message);
    }
  }
  engine.stop();
  printTimings();
}
console.log(failed ? '\ntest:docker: FAILED' : '\ntest:docker: passed');
process.exit(failed ? 1 : 0);

async function waitFor(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

async function gql(query, variables, token) {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function signUp(name) {
  const username = `${name}${randomBytes(3).toString('hex')}`;
  const { register } = await gql(
    'mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } userErrors { message } } }',
    { input: { username, email: `${username}@example.com`, password: 'correct horse battery', displayName: name } },
  );
  if (!register.accessToken) throw new Error(`sign-up failed: ${JSON.stringify(register.userErrors)}`);
  return { id: register.user.id, token: register.accessToken };
}

/** Each socket through the load balancer lands on the next instance: two sockets cover both. */
function subscribeNotifications(token) {
  const events = [];
  const client = createClient({
    url: `${base.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
  });
  const acked = new Promise((resolve, reject) => {
    client.on('connected', resolve);
    client.on('error', reject);
  });
  client.subscribe(
    { query: 'subscription { notificationAdded { type actor { id } post { id } } }' },
    { next: (value) => events.push(value), error: (e) => events.push({ errors: [String(e)] }), complete: () => {} },
  );
  return { events, acked, dispose: () => client.dispose() };
}

async function userPath() {
  const author = await signUp('author');
  const fan = await signUp('fan');

  const form = new FormData();
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .jpeg()
    .toBuffer();
  form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'photo.jpg');
  const uploaded = await fetch(`${base}/media`, { method: 'POST', headers: { authorization: `Bearer ${author.token}` }, body: form });
  const media = await uploaded.json();
  if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.status} ${JSON.stringify(media)}`);

  const { createPost } = await gql(
    'mutation($input: CreatePostInput!) { createPost(input: $input) { post { id media { url } } userErrors { message } } }',
    { input: { title: 'From the containers', mediaIds: [media.id] } },
    author.token,
  );
  if (!createPost.post) throw new Error(`createPost: ${JSON.stringify(createPost.userErrors)}`);
  const post = createPost.post;
  // The image was stored by one instance on the shared volume; both must serve it.
  for (let i = 0; i < 2; i++) {
    const image = await fetch(new URL(post.media[0].url, base), { headers: { authorization: `Bearer ${author.token}` } });
    if (image.status !== 200) throw new Error(`GET ${post.media[0].url}: ${image.status}`);
  }

  const sockets = [subscribeNotifications(author.token), subscribeNotifications(author.token)];
  await Promise.all(sockets.map((s) => s.acked));
  await new Promise((r) => setTimeout(r, 300)); // graphql-ws has no per-operation ack: let the subscriptions register
  const t0 = Date.now();
  const { likePost } = await gql(
    'mutation($id: ID!) { likePost(postId: $id) { post { likeCount } userErrors { message } } }',
    { id: post.id },
    fan.token,
  );
  if (likePost.post?.likeCount !== 1) throw new Error(`likePost: ${JSON.stringify(likePost)}`);
  const arrived = await waitFor(async () => sockets.every((s) => s.events.length > 0), 10_000);
  const received = sockets.map((s) => s.events[0]?.data?.notificationAdded ?? s.events[0]);
  sockets.forEach((s) => s.dispose());
  const expected = { type: 'LIKE', actor: { id: fan.id }, post: { id: post.id } };
  if (!arrived || received.some((n) => JSON.stringify(n) !== JSON.stringify(expected))) {
    throw new Error(`the author's sockets got ${JSON.stringify(received)}, expected ${JSON.stringify(expected)} on both`);
  }
  console.log(`  the like's notification reached both of the author's sockets in ${Date.now() - t0} ms`);

  // Stored data lives in the compose PostgreSQL: one row per user, the post and the like.
  const db = new pg.Client({
    host: '127.0.0.1',
    port: Number(env.PG_PORT),
    user: 'ppenter',
    password: env.POSTGRES_PASSWORD,
    database: 'ppenter',
  });
  await db.connect();
  const { rows } = await db.query('select count(*)::int as n from likes');
  await db.end();
  if (rows[0].n !== 1) throw new Error(`expected 1 stored like, found ${rows[0].n}`);
}

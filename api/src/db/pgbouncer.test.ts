// The API behind pgbouncer in transaction pool mode (what a deployment with many instances uses): a client's
// consecutive transactions land on different server connections, so any session state (SET, session advisory locks,
// LISTEN, named prepared statements, temp tables) would break or leak. Few server connections, shared by all clients.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp, type App } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { gql, signUp, type TestUser } from '../test/client.js';
import { uploadMedia } from '../features/media/media.testkit.js';
import { startTestPgbouncer, type TestPgbouncer } from '../test/pgbouncer-setup.js';
import { ensureDatabase } from './bootstrap.js';
import { createOrm, migrateUp, type MikroORM } from './orm.js';
import { migrations } from './migrations/index.js';
import { sql } from '../kernel/db.js';

const bouncer: TestPgbouncer | null = await startTestPgbouncer(inject('pgAdminUrl'));
afterAll(() => bouncer?.stop());

/** An empty database, reached through pgbouncer. */
async function freshDatabase(): Promise<string> {
  const database = `t_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(inject('pgAdminUrl'), database);
  return bouncer!.urlFor(database);
}

describe.skipIf(!bouncer)('through pgbouncer in transaction mode', () => {
  let url: string;
  let orm: MikroORM;
  let app: App;
  let baseUrl: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-test-data-'));
  const REGISTRATIONS = 12;

  beforeAll(async () => {
    url = await freshDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await orm?.close(true);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('two instances migrating a fresh database at once: both succeed, each migration is applied once', async () => {
    const [a, b] = [await createOrm(url), await createOrm(url)];
    try {
      const applied = await Promise.all([migrateUp(a), migrateUp(b)]);
      expect(applied.flat().sort()).toEqual(migrations.map((m) => m.name).sort());
      const rows = await sql<{ name: string; n: number }>(
        a.em.fork(),
        'select name, count(*)::int as n from mikro_orm_migrations group by name having count(*) <> 1',
      );
      expect(rows).toEqual([]);
    } finally {
      await Promise.all([a.close(true), b.close(true)]);
    }
  });

  it('serves register, an upload (quota lock), post, like, friend requests and shared rate-limit counters', async () => {
    orm = await createOrm(url);
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: url,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      RATE_LIMIT_REGISTER: '1000/3600',
      PRESENCE_RECONCILE_SECONDS: '0',
    });
    app = await createApp({ config, orm, log: createLogger(config.logLevel) });
    baseUrl = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
    const stack = { baseUrl };

    // Concurrent sign-ups: many client connections multiplexed onto three server connections.
    const users: TestUser[] = await Promise.all(Array.from({ length: REGISTRATIONS }, () => signUp(stack)));
    const [author, ...fans] = users;
    const created = await gql(
      stack,
      `mutation($input: CreatePostInput!) { createPost(input: $input) { post { id } userErrors { code message } } }`,
      { input: { title: 'Pooled', body: 'through pgbouncer', mediaIds: [await uploadMedia(stack, author!.token)] } },
      { token: author!.token },
    );
    expect(created.errors ?? created.data.createPost.userErrors).toEqual([]);
    const postId = created.data.createPost.post.id as string;
    const likes = await Promise.all(
      fans.map((fan) =>
        gql(
          stack,
          `mutation($id: ID!) { likePost(postId: $id) { post { likeCount } userErrors { code } } }`,
          { id: postId },
          { token: fan.token },
        ),
      ),
    );
    expect(likes.map((res) => res.errors ?? res.data.likePost.userErrors)).toEqual(fans.map(() => []));
    const read = await gql(
      stack,
      `query($id: ID!) { node(id: $id) { ... on Post { likeCount } } }`,
      { id: postId },
      { token: author!.token },
    );
    expect(read.data.node.likeCount).toBe(fans.length);

    // Friend requests both ways at once: a transaction-scoped advisory lock on the pair lets exactly one win.
    const [one, two] = fans;
    const requests = await Promise.all([
      gql(stack, `mutation($id: ID!) { sendFriendRequest(userId: $id) { userErrors { code } } }`, { id: two!.id }, { token: one!.token }),
      gql(stack, `mutation($id: ID!) { sendFriendRequest(userId: $id) { userErrors { code } } }`, { id: one!.id }, { token: two!.token }),
    ]);
    expect(requests.every((res) => !res.errors)).toBe(true);

    // Every sign-up counted in PostgreSQL (not in the per-process fallback the limiter uses when a query fails).
    const [counter] = await sql<{ points: number }>(orm.em.fork(), `select points from rate_limits where key like 'register:%'`);
    expect(counter?.points).toBe(REGISTRATIONS);
  });
});

// The production build (`npm run build:api`): the API bundled to plain JavaScript and started with `node`, no
// TypeScript loader. Checks what an operator relies on: `migrate.js` applies the migrations exactly once even when two
// run at once, `main.js` serves the very schema of schema/schema.graphql, and an upload's image worker (a file
// loaded by path at run time) works from the bundle.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { PROJECT_ROOT } from './config.js';
import { ensureDatabase } from './db/bootstrap.js';
import { gql, signUp } from './test/client.js';
import { redisUrlFor } from './test/redis-setup.js';
import { jpeg, upload } from './features/media/media.testkit.js';

const run = promisify(execFile);
const OUT = join(PROJECT_ROOT, 'api', `dist-test-${randomBytes(4).toString('hex')}`);

/** The environment of a deployed process: no NODE_OPTIONS (vitest's or a TypeScript loader's), nothing inherited. */
function productionEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...extra };
}

async function freshDatabase(): Promise<string> {
  const url = new URL(inject('pgAdminUrl'));
  const database = `t_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(url.toString(), database);
  url.pathname = `/${database}`;
  return url.toString();
}

async function appliedMigrations(databaseUrl: string): Promise<{ name: string; n: number }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select name, count(*)::int as n from mikro_orm_migrations group by name order by name');
    return rows as { name: string; n: number }[];
  } finally {
    await client.end();
  }
}

/** graphql-js's introspection query with type references three wrappers deep (`[X!]!`), within the API's depth limit. */
function introspectionQuery(): string {
  const query = getIntrospectionQuery({ descriptions: true });
  const typeRef = 'fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
  return query.slice(0, query.indexOf('fragment TypeRef')) + typeRef;
}

function migrate(databaseUrl: string) {
  return run(process.execPath, [join(OUT, 'migrate.js')], { env: productionEnv({ DATABASE_URL: databaseUrl }) }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

// Every test spawns node processes (each loads the whole API): generous limits on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(async () => {
  await run(process.execPath, [join(PROJECT_ROOT, 'scripts/build-api.mjs'), '--outdir', OUT]);
}, 120_000);
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('migrate.js', () => {
  it('two runs at once on a fresh database both succeed and apply every migration exactly once', async () => {
    const url = await freshDatabase();
    const [first, second] = await Promise.all([migrate(url), migrate(url)]);
    expect([first.code, second.code, first.stderr, second.stderr]).toEqual([0, 0, '', '']);
    // One of them applied everything, the other found nothing left (the lock serialises them).
    expect([first.stdout, second.stdout].filter((out) => out.includes('migrate: the database is up to date'))).toHaveLength(1);
    const applied = await appliedMigrations(url);
    const source = readFileSync(join(PROJECT_ROOT, 'api/src/db/migrations/index.ts'), 'utf8');
    const committed = [...source.matchAll(/^ {2}(Migration\w+),$/gm)].map((m) => m[1]).sort();
    expect(applied).toEqual(committed.map((name) => ({ name, n: 1 })));
    // The names are the classes' own: a database migrated from the sources (the test template) has nothing pending.
    expect((await migrate(url)).stdout).toContain('up to date');
  });

  it('fails with a clear message and a non-zero exit when the database cannot be reached', async () => {
    const result = await migrate('postgresql://nobody:wrong@127.0.0.1:1/none');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^migrate: failed: .*ECONNREFUSED/m);
  });
});

describe('main.js with MIGRATE_ON_START=false', () => {
  it('refuses to start on a database with pending migrations, naming them and `npm run migrate`', async () => {
    const url = await freshDatabase();
    const env = productionEnv({ DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', DATA_DIR: `${OUT}/data`, MIGRATE_ON_START: 'false' });
    const refused = await run(process.execPath, [join(OUT, 'main.js')], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('MIGRATE_ON_START=false');
    expect(refused.stderr).toContain('Migration20261126000000Accounts');
    expect(refused.stderr).toContain('npm run migrate');
    expect(await appliedMigrations(url).catch((error: Error) => error.message)).toMatch(/does not exist/);

    // Once `migrate` has run, it starts and applies nothing itself.
    expect((await migrate(url)).code).toBe(0);
    const started = await startMain({ DATABASE_URL: url, MIGRATE_ON_START: 'false' });
    try {
      expect((await fetch(`${started.baseUrl}/readyz`)).status).toBe(200);
      expect(started.output()).not.toContain('applied migrations');
    } finally {
      await stopMain(started.api);
    }
  });
});

/** `node main.js` until it prints its URL (or exits: rejects with its output). */
async function startMain(env: Record<string, string>): Promise<{ api: ChildProcess; baseUrl: string; output: () => string }> {
  let output = '';
  const api = spawn(process.execPath, [join(OUT, 'main.js')], {
    env: productionEnv({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: `${OUT}/data`, LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const baseUrl = await new Promise<string>((resolveUrl, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk;
      const match = /PP-ENTER\s+(http:\/\/\S+)/.exec(output);
      if (match) resolveUrl(match[1]!.replace('localhost', '127.0.0.1'));
    };
    api.stdout!.on('data', seen);
    api.stderr!.on('data', seen);
    api.on('exit', (code) => reject(new Error(`main.js exited with ${code}:\n${output}`)));
  });
  return { api, baseUrl, output: () => output };
}

async function stopMain(api: ChildProcess | undefined): Promise<void> {
  if (!api || api.exitCode !== null) return;
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));
}

describe('main.js', () => {
  let api: ChildProcess;
  let baseUrl: string;
  let output = '';
  beforeAll(async () => {
    // With a Redis server in the run, the bundle runs as a deployment does: live events over Redis.
    const redisUrl = inject('redisUrl');
    const started = await startMain({ DATABASE_URL: await freshDatabase(), ...(redisUrl ? { REDIS_URL: redisUrlFor(redisUrl) } : {}) });
    ({ api, baseUrl } = started);
    output = started.output();
  }, 120_000);
  afterAll(() => stopMain(api));

  it('starts with plain node (no TypeScript loader) and applies the migrations itself (MIGRATE_ON_START default)', async () => {
    expect(api.spawnargs).toEqual([process.execPath, join(OUT, 'main.js')]);
    expect(output).toContain('applied migrations');
    expect(output).not.toMatch(/tsx/);
    const ready = await fetch(`${baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    if (inject('redisUrl')) expect((await ready.json()).dependencies.redis).toMatchObject({ ok: true });
  });

  it('finds what it reads by path from api/dist: GraphiQL from node_modules, the client build from the project root', async () => {
    const graphiql = await fetch(`${baseUrl}/graphiql/graphiql.js`);
    expect(graphiql.status).toBe(200);
    expect((await graphiql.text()).length).toBeGreaterThan(100_000);
    // The built client is optional in a test run (CLIENT_DIST unset: <root>/client/dist, if built).
    if (existsSync(join(PROJECT_ROOT, 'client/dist/index.html'))) {
      const page = await fetch(`${baseUrl}/`);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/html')]);
    }
  });

  it('serves the developer guide and its schema reference from the bundle (docs/ copied next to main.js)', async () => {
    expect(existsSync(join(OUT, 'docs/README.md'))).toBe(true);
    const guide = await fetch(`${baseUrl}/docs/tokens`);
    expect(guide.status).toBe(200);
    expect(await guide.text()).toContain('Getting a token');
    expect(await (await fetch(`${baseUrl}/docs/reference`)).text()).toContain('<section id="Post">');
  });

  it('serves exactly the schema of schema/schema.graphql', async () => {
    const res = await gql({ baseUrl }, introspectionQuery());
    expect(res.errors).toBeUndefined();
    const served = printSchema(lexicographicSortSchema(buildClientSchema(res.data)));
    const committed = printSchema(lexicographicSortSchema(buildSchema(readFileSync(join(PROJECT_ROOT, 'schema/schema.graphql'), 'utf8'))));
    expect(served).toBe(committed);
  });

  it('signs up, stores an image through the worker thread and posts it', async () => {
    const alice = await signUp({ baseUrl });
    const uploaded = await upload({ baseUrl }, alice.token, await jpeg(), {}, 'a.jpg', 'image/jpeg');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.blurhash).toMatch(/.{20,}/);
    const post = await gql(
      { baseUrl },
      `mutation($input: CreatePostInput!) { createPost(input: $input) { post { id media { id } } userErrors { code } } }`,
      { input: { title: 'Bundled', body: 'from the bundle', mediaIds: [uploaded.body.id] } },
      { token: alice.token },
    );
    expect(post.errors).toBeUndefined();
    expect(post.data.createPost).toMatchObject({ userErrors: [], post: { media: [{ id: uploaded.body.id }] } });
  });
});

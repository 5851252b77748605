import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DATABASE, ensureDatabase } from '../../db/bootstrap.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded.js';
import { createOrm, migrateUp } from '../../db/orm.js';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';

const ROOT = join(import.meta.dirname, '../../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'api/src/admin-cli.ts');

/** `npm run admin -- …` as a separate process; its exit code and output. */
function admin(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [CLI, ...args],
      { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let stack: TestStack;
let first: TestUser;
beforeAll(async () => {
  stack = await startTestStack();
  first = await signUp(stack);
});
afterAll(async () => {
  await stack?.stop();
});

const roleOf = async (user: TestUser) => (await gql(stack, '{ me { role } }', {}, { token: user.token })).data.me.role;
const LOG = '{ moderationLog(first: 5) { nodes { type subjectId reason moderator { id } } } }';

describe('npm run admin (DATABASE_URL)', () => {
  it('grant makes the first admin of a fresh install, logged with the granted user as the moderator', async () => {
    const done = await admin(['grant', first.username, 'admin'], { DATABASE_URL: stack.databaseUrl });
    expect(done).toMatchObject({ code: 0 });
    expect(done.stdout).toContain(`${first.username} is now an admin`);
    expect(await roleOf(first)).toBe('ADMIN');
    const log = await gql(stack, LOG, {}, { token: first.token });
    expect(log.data.moderationLog.nodes[0]).toEqual({
      type: 'SET_ROLE',
      subjectId: first.id,
      moderator: { id: first.id },
      reason: 'USER → ADMIN (command line)',
    });
  });

  it('grant moderator and revoke change the role; revoking the last admin is refused', async () => {
    const other = await signUp(stack);
    expect((await admin(['grant', other.username.toUpperCase(), 'moderator'], { DATABASE_URL: stack.databaseUrl })).code).toBe(0);
    expect(await roleOf(other)).toBe('MODERATOR');
    expect((await admin(['revoke', other.username], { DATABASE_URL: stack.databaseUrl })).code).toBe(0);
    expect(await roleOf(other)).toBe('MEMBER');
    const last = await admin(['revoke', first.username], { DATABASE_URL: stack.databaseUrl });
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('last admin');
    expect(await roleOf(first)).toBe('ADMIN');
  });

  it('an unknown username is a clear error with exit code 1; bad usage exits 2 with the usage', async () => {
    const unknown = await admin(['grant', 'nobody_here_at_all', 'admin'], { DATABASE_URL: stack.databaseUrl });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no user named "nobody_here_at_all"');
    const usage = await admin(['grant', first.username, 'king'], { DATABASE_URL: stack.databaseUrl });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run admin -- grant <username> admin|moderator');
  });
});

describe('npm run admin (DATA_DIR) while the API holds the embedded PostgreSQL', () => {
  let dir: string;
  let embedded: EmbeddedDatabase;
  beforeAll(async () => {
    // What `npm start` does with DATA_DIR: an embedded server owned by this (node) process, migrated.
    dir = mkdtempSync(join(tmpdir(), 'pp-admin-cli-'));
    embedded = await startEmbeddedPostgres(join(dir, 'postgres'), { throwaway: true });
    await ensureDatabase(embedded.adminUrl, APP_DATABASE);
    const orm = await createOrm(embedded.urlFor(APP_DATABASE));
    await migrateUp(orm);
    await orm.em
      .fork()
      .getConnection()
      .execute(
        "insert into users (id, username, email, password_hash, display_name, role, created_at, updated_at) values (gen_random_uuid(), 'dana', 'dana@example.com', 'x', 'Dana', 'USER', now(), now())",
      );
    await orm.close(true);
  }, 120_000);
  afterAll(async () => {
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects to the running server (its port from postmaster.pid) instead of failing on the busy data folder', async () => {
    const done = await admin(['grant', 'dana', 'admin'], { DATABASE_URL: '', DATA_DIR: dir });
    expect(done.stderr).toBe('');
    expect(done).toMatchObject({ code: 0 });
    const orm = await createOrm(embedded.urlFor(APP_DATABASE));
    const [row] = await orm.em.fork().getConnection().execute("select role from users where username = 'dana'");
    await orm.close(true);
    expect(row.role).toBe('ADMIN');
  });
});

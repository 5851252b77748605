import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { TEMPLATE_DATABASE } from '../test/global-setup.js';
import { ensureDatabase } from './bootstrap.js';
import { createOrm, type MikroORM } from './orm.js';
import { databaseDiffSql, migrationProblems, snapshotDiffSql, unregisteredMigrations } from './schema-diff.js';

/** A fresh database cloned from the migrated template, opened as the migration tools open it (snapshot on). */
async function freshDatabase(): Promise<MikroORM> {
  const adminUrl = inject('pgAdminUrl');
  const database = `t_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(adminUrl, database, TEMPLATE_DATABASE);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return createOrm(url.toString(), {}, { snapshot: true });
}

describe('migrations and entities agree (what `npm run migration:check` checks)', () => {
  const opened: MikroORM[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((orm) => orm.close(true)));
  });

  it('the committed migrations build exactly the schema the entities describe', async () => {
    const orm = await freshDatabase();
    opened.push(orm);
    // An entity changed without a migration shows up here as the SQL the missing migration would hold.
    expect(await databaseDiffSql(orm)).toBe('');
    expect(await snapshotDiffSql(orm)).toEqual([]);
    expect(unregisteredMigrations()).toEqual([]);
    expect(await migrationProblems(orm)).toEqual([]);
  });

  it('reports a database that drifted from the entities', async () => {
    const orm = await freshDatabase();
    opened.push(orm);
    const connection = orm.em.getConnection();
    await connection.execute('alter table "tags" add column "hand_made" integer null');
    await connection.execute('drop index "posts_search_trgm"');

    const pending = await databaseDiffSql(orm);
    expect(pending).toContain('alter table "tags" drop column "hand_made"');
    expect(pending).toContain('create index "posts_search_trgm" on "posts" using gin ("search_text" gin_trgm_ops)');
    const problems = await migrationProblems(orm);
    expect(problems.find((problem) => problem.startsWith('the entities differ from the migrated database'))).toContain('"hand_made"');
  });
});

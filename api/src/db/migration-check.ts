/**
 * `npm run migration:check` (CI): exits 1, listing the pending SQL, when the entities and the committed
 * migrations (or the snapshot) disagree; 0 when they agree. Database: DATABASE_URL, else a throw-away
 * embedded PostgreSQL; every committed migration is applied first.
 */
import 'reflect-metadata';
import { createOrm } from './orm.js';
import { migrationProblems, withMigratedDatabase } from './schema-diff.js';

const problems = await withMigratedDatabase(
  async (url) => {
    const orm = await createOrm(url, {}, { snapshot: true });
    try {
      return await migrationProblems(orm);
    } finally {
      await orm.close(true);
    }
  },
  (line) => console.log(line),
);

if (problems.length) {
  for (const problem of problems) console.error(`migration:check: ${problem}\n`);
  console.error('Change the entities, then run `npm run migration:create` and commit the migration and the snapshot.');
  process.exitCode = 1;
} else {
  console.log('migration:check: entities, snapshot and migrations agree');
}

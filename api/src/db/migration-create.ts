/**
 * `npm run migration:create [-- Name]`: generates the next migration from the entities.
 * Database: DATABASE_URL, else a throw-away embedded PostgreSQL; every committed migration is applied first.
 * The SQL is the diff between the committed snapshot and the entities; the new class is written to
 * migrations/, appended to migrations/index.ts, the snapshot is updated, and the migration is then
 * applied to the scratch database to prove it turns the database into the entities' schema.
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { migrations } from './migrations/index.js';
import { createOrm, migrateUp, MIGRATIONS_DIR } from './orm.js';
import { databaseDiffSql, SNAPSHOT_PATH, storeSnapshot, withMigratedDatabase } from './schema-diff.js';

const INDEX_FILE = join(MIGRATIONS_DIR, 'index.ts');

function parseName(args: string[]): string | undefined {
  const raw = args.find((arg) => !arg.startsWith('-') || arg.startsWith('--name='))?.replace(/^--name=/, '');
  if (raw === undefined) return undefined;
  const name = raw.replace(/(^|[^A-Za-z0-9])([a-z])/g, (_, _sep, letter: string) => letter.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`not a usable migration name: ${raw}`);
  return name[0]!.toUpperCase() + name.slice(1);
}

/** Adds `import { X } from './X.js'` and `X,` at the end of the list in migrations/index.ts. */
function register(className: string): void {
  const source = readFileSync(INDEX_FILE, 'utf8');
  const lastImport = source.lastIndexOf('\nimport ');
  const importEnd = source.indexOf('\n', lastImport + 1);
  const listEnd = source.lastIndexOf('\n];');
  if (lastImport < 0 || listEnd < 0) throw new Error(`cannot find the import block and the list in ${INDEX_FILE}`);
  const updated =
    source.slice(0, importEnd + 1) +
    `import { ${className} } from './${className}.js';\n` +
    source.slice(importEnd + 1, listEnd + 1) +
    `  ${className},\n` +
    source.slice(listEnd + 1);
  writeFileSync(INDEX_FILE, updated);
}

async function main(): Promise<number> {
  const name = parseName(process.argv.slice(2));
  return withMigratedDatabase(
    async (url) => {
      const orm = await createOrm(url, {}, { snapshot: true });
      let fileName: string;
      let up: string[];
      try {
        const hadSnapshot = existsSync(SNAPSHOT_PATH);
        const result = await orm.getMigrator().createMigration(undefined, false, false, name);
        if (!result.fileName) {
          // Without a snapshot the diff was taken against the migrated database: it matches the entities, so record them.
          if (!hadSnapshot) {
            await storeSnapshot(orm);
            console.log(`wrote the schema snapshot ${SNAPSHOT_PATH}`);
          }
          const pending = await databaseDiffSql(orm);
          if (pending) {
            console.error(
              `no changes against the snapshot, but the migrated database differs from the entities:\n${pending}\nrun npm run migration:check`,
            );
            return 1;
          }
          console.log('no changes: the entities match the migrations');
          return 0;
        }
        fileName = result.fileName;
        up = result.diff.up.filter((line) => line.trim() !== '');
      } finally {
        await orm.close(true);
      }
      const className = fileName.replace(/\.ts$/, '');
      register(className);
      console.log(`created api/src/db/migrations/${fileName} (listed in index.ts; snapshot updated):\n${up.join('\n')}`);

      // Apply it to the scratch database: afterwards the database must match the entities exactly.
      const generated = (await import(pathToFileURL(join(MIGRATIONS_DIR, fileName)).href)) as Record<string, (typeof migrations)[number]>;
      const check = await createOrm(url, {}, { migrationsList: [...migrations, generated[className]!] });
      try {
        await migrateUp(check);
        const rest = await databaseDiffSql(check);
        if (rest) {
          console.error(`the generated migration leaves the database different from the entities; edit it:\n${rest}`);
          return 1;
        }
      } finally {
        await check.close(true);
      }
      console.log('applied to a scratch database: it now matches the entities');
      return 0;
    },
    (line) => console.log(line),
  );
}

process.exitCode = await main();

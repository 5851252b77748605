// Fails when client/src/gql is not what `npm run codegen` generates from schema/schema.graphql.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib/paths.mjs';

const generated = join(ROOT, 'client/src/gql');
const backup = mkdtempSync(join(tmpdir(), 'pp-gql-'));
cpSync(generated, backup, { recursive: true });
const run = spawnSync('npx', ['graphql-codegen', '--config', 'codegen.ts', '--silent'], { cwd: ROOT, stdio: 'inherit' });
const diff = spawnSync('git', ['diff', '--no-index', '--stat', backup, generated], { cwd: ROOT, encoding: 'utf8' });
const stale = run.status !== 0 || diff.status !== 0;
// Leave the working tree as it was.
rmSync(generated, { recursive: true, force: true });
cpSync(backup, generated, { recursive: true });
rmSync(backup, { recursive: true, force: true });
if (stale) {
  console.error(diff.stdout);
  console.error('client/src/gql is stale: run `npm run codegen` and commit it.');
  process.exit(1);
}
console.log('client/src/gql is up to date.');

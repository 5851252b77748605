// `npm run schema:emit` writes schema/schema.graphql; `npm run schema:check` fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { printSortedSchema } from './schema.js';

const target = resolve(PROJECT_ROOT, 'schema/schema.graphql');
const printed = await printSortedSchema();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (current !== printed) {
    console.error('schema/schema.graphql is stale: run `npm run schema:emit` and commit it.');
    process.exit(1);
  }
  console.log('schema/schema.graphql is up to date.');
} else {
  writeFileSync(target, printed);
  console.log(`wrote ${target}`);
}

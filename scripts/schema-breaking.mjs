// `npm run schema:breaking [-- --base <git revision>]`: the schema this commit emits (schema/schema.graphql, kept
// equal to the emitted one by `npm run schema:check`) against the previous commit's, under the change policy of
// docs/changes.md. Fails on a breaking change to anything not deprecated first, and on any to a contract item.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/paths.mjs';
import { classifyBreakingChanges, contractCoordinates } from './schema-breaking-rules.mjs';

const SCHEMA = 'schema/schema.graphql';
const baseFlag = process.argv.indexOf('--base');
const base = baseFlag > 0 ? process.argv[baseFlag + 1] : 'HEAD~1';
// `--repo <dir>`: another checkout (the script's test); CONTRACT_DIR: the contract elsewhere than ../shared/contract.
const repoFlag = process.argv.indexOf('--repo');
const REPO = repoFlag > 0 ? process.argv[repoFlag + 1] : ROOT;
const contractDir = process.env.CONTRACT_DIR || join(REPO, '../shared/contract');

/** The schema at `base`, or null when there is nothing to compare with (no git, first commit, shallow clone, new file). */
function previousSchema() {
  try {
    return execFileSync('git', ['show', `${base}:${SCHEMA}`], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

const previous = previousSchema();
if (previous === null) {
  console.log(`schema:breaking: no ${SCHEMA} at ${base} (first commit, shallow clone or no git): nothing to compare, OK.`);
  process.exit(0);
}
let contract = new Set();
if (existsSync(contractDir)) {
  const files = readdirSync(contractDir).filter((file) => file.endsWith('.graphql'));
  contract = contractCoordinates(files.map((file) => readFileSync(join(contractDir, file), 'utf8')));
} else {
  console.warn(`schema:breaking: ${contractDir} not found: contract items are checked like any other.`);
}

const { allowed, refused } = classifyBreakingChanges(previous, readFileSync(join(REPO, SCHEMA), 'utf8'), contract);
for (const change of allowed) console.log(`allowed (deprecated before): ${change.description}`);
if (refused.length) {
  console.error(`schema:breaking: ${refused.length} breaking change(s) against ${base}:`);
  for (const change of refused) console.error(`  ${change.description} — ${change.why}`);
  console.error('Deprecate first (docs/changes.md), keep contract items unchanged, and list schema changes in CHANGELOG.md.');
  process.exit(1);
}
console.log(
  `schema:breaking: no breaking change against ${base}${allowed.length ? ` (${allowed.length} removal(s) of deprecated items)` : ''}.`,
);

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// `npm run test:cluster`: the checks of e2e/cluster/ on a cluster of real processes (scripts/cluster/harness.ts).
// Not part of `npm test`: it starts its own PostgreSQL, Redis, pgbouncer, haproxy, two LiveKit nodes and two API instances.
const graphqlCjs = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    name: 'cluster',
    include: ['e2e/cluster/**/*.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

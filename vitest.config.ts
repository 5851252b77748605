import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Node loads graphql's CommonJS build for packages outside Vite (Apollo, type-graphql);
// our own files must get the very same module, or graphql-js sees two realms.
const graphqlCjs = createRequire(import.meta.url).resolve('graphql');
const sameGraphql = { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] };

// One `vitest run` covers every layer. API and browser tests share one embedded
// PostgreSQL (and LiveKit, when built) started by the global setup; each test
// file gets its own fresh database.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['client/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          // Groups run one after another: unit, then API, then browser tests.
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: sameGraphql,
        test: {
          name: 'api',
          include: ['api/src/**/*.test.ts'],
          globalSetup: ['api/src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: sameGraphql,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['api/src/test/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});

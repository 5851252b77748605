// ESLint flat config: one `npm run lint` for the API, the client, e2e, bench and scripts.
// Not type-aware on purpose: type-aware rules re-run the TypeScript program (a minute or more on this
// 2-core machine); `npm run typecheck` already runs tsc and vue-tsc.
// Import-direction rules (features, kernel, services) live in .dependency-cruiser.cjs (`npm run lint:arch`),
// which sees resolved paths and type-only imports; the "SQL only in repositories" rule lives here because
// it is about call syntax, not imports.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Calls that touch the database directly. Allowed only in `*.repository.ts` (and the places listed in `sqlAllowed`).
const ENTITY_MANAGER = ':matches([callee.object.name=/^(em|tx|trx|fork|db|orm)$/], [callee.object.property.name=/^(em|tx|db)$/])';
const EM_METHODS =
  'find|findOne|findOneOrFail|findAll|findAndCount|findByCursor|count|create|insert|insertMany|upsert|upsertMany|nativeInsert|nativeUpdate|nativeDelete|getRepository|getKnex';
const REPOSITORY_ONLY = "database access belongs in the feature's *.repository.ts (see api/README.md)";
const sqlOutsideRepositories = [
  { selector: "CallExpression[callee.property.name='execute']", message: `.execute(): ${REPOSITORY_ONLY}` },
  { selector: "CallExpression[callee.property.name='getConnection']", message: `.getConnection(): ${REPOSITORY_ONLY}` },
  {
    selector:
      "CallExpression:matches([callee.property.name='createQueryBuilder'], [callee.name='createQueryBuilder'], [callee.property.name='qb'])",
    message: `QueryBuilder: ${REPOSITORY_ONLY}`,
  },
  {
    selector: `CallExpression[callee.type='MemberExpression'][callee.property.name=/^(${EM_METHODS})$/]${ENTITY_MANAGER}`,
    message: `EntityManager query: ${REPOSITORY_ONLY}`,
  },
  { selector: "CallExpression[callee.name='sql']", message: `sql(): ${REPOSITORY_ONLY}` },
];
const sqlAllowed = [
  'api/src/**/*.repository.ts',
  'api/src/db/**',
  'api/src/test/**',
  'api/src/**/*.test.ts',
  'api/src/**/*.testkit.ts',
  'api/src/kernel/db.ts', // defines sql()
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'client/src/gql/**',
      'client/public/**',
      '.data/**',
      '.tools/**',
      '.bench/**',
      '.tmp/**',
      'coverage/**',
      'test-results/**',
      'schema/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['**/*.{js,mjs,cjs,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Browser code: the client and the pages scripts/ and e2e serve to Chromium.
    files: ['client/src/**/*.{ts,vue}', 'scripts/lib/eval-page/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The call widget example: a classic script in the page, livekit-client's browser build as a global.
    files: ['examples/call-widget/widget.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, LivekitClient: 'readonly' } },
  },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (positional parameters, destructured-away fields).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `catch {}` with a comment is how the code says "best effort"; an empty block without one is still an error.
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['**/*.vue'],
    rules: {
      // Component names come from their files (Feed.vue, Avatar.vue): one-word names are the house style.
      'vue/multi-word-component-names': 'off',
      // Props are typed with defineProps<{ x?: string }>(): an optional prop without a default is `undefined`, by type.
      'vue/require-default-prop': 'off',
    },
  },
  {
    files: ['api/src/**/*.ts'],
    ignores: sqlAllowed,
    rules: { 'no-restricted-syntax': ['error', ...sqlOutsideRepositories] },
  },
  {
    // API test helpers read arbitrary GraphQL answers (`res.data.x.y`): `any` is their honest type.
    files: ['api/src/test/**/*.ts', 'api/src/**/*.testkit.ts', 'e2e/cluster/clients.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Last: turn off every stylistic rule Prettier owns.
  prettier,
);

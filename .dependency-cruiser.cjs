// Architecture rules for api/src (issue 9; the layout is described in api/README.md), checked on RESOLVED paths,
// type-only imports included: `npm run lint:arch`. Import cycles are checked separately by madge (`npm run deps:cycles`).
// ESLint (eslint.config.js) holds the other half: "SQL only in *.repository.ts" is about calls, not imports.
const FEATURE = '^api/src/features/([^/]+)/';
const TEST = '\\.(test|testkit)\\.ts$';
// npm packages that make a file a GraphQL/HTTP adapter (their @types too: `import type { Request } from 'express'`).
const ADAPTER_PACKAGES = '(^|/)node_modules/(@types/)?(graphql|type-graphql|express)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'feature-imports-other-feature-inner-file',
      comment:
        "A feature reaches another feature only through its public surfaces: '../<other>/index.js' (entities, service types, " +
        "SQL fragments) and, from GraphQL adapters, '../<other>/graphql.js' (object types, loaders).",
      severity: 'error',
      from: { path: FEATURE, pathNot: TEST },
      to: { path: '^api/src/features/[^/]+/', pathNot: ['^api/src/features/$1/', '^api/src/features/[^/]+/(index|graphql)\\.ts$'] },
    },
    {
      name: 'feature-test-imports-other-feature-inner-file',
      comment: "Tests and testkits may also use another feature's *.testkit.ts; nothing else inside it.",
      severity: 'error',
      from: { path: FEATURE + '.+' + TEST },
      to: {
        path: '^api/src/features/[^/]+/',
        pathNot: ['^api/src/features/$1/', '^api/src/features/[^/]+/(index|graphql)\\.ts$', '\\.testkit\\.ts$'],
      },
    },
    {
      name: 'feature-imports-feature-aggregator',
      comment: 'api/src/features/*.ts (the resolver/route lists) sit above every feature; a feature importing them is a cycle.',
      severity: 'error',
      from: { path: '^api/src/features/[^/]+/' },
      to: { path: '^api/src/features/[^/]+\\.ts$' },
    },
    {
      name: 'feature-imports-http',
      comment: 'Only *.routes.ts (plain HTTP endpoints) may use api/src/http/*.',
      severity: 'error',
      from: { path: '^api/src/features/[^/]+/', pathNot: '\\.routes\\.ts$' },
      to: { path: '^api/src/http/' },
    },
    {
      name: 'feature-imports-composition-root',
      comment: 'server/, app.ts and main.ts compose the features; features never import them (tests use api/src/test/).',
      severity: 'error',
      from: { path: '^api/src/features/[^/]+/', pathNot: TEST },
      to: { path: '^api/src/(server/|app\\.ts$|main\\.ts$)' },
    },
    {
      name: 'service-or-repository-imports-adapter',
      comment:
        'Services, repositories and entities are transport-free: no graphql/*, http/*, no feature graphql.ts surface, ' +
        'no type-graphql, graphql or express.',
      severity: 'error',
      from: { path: '^api/src/.+\\.(service|repository|entity|records|collaborators)\\.ts$' },
      to: { path: ['^api/src/(graphql|http)/', '^api/src/features/[^/]+/graphql\\.ts$', ADAPTER_PACKAGES] },
    },
    {
      name: 'kernel-imports-outward',
      comment: 'kernel/ is the bottom layer: no feature, no GraphQL (adapter or package), no HTTP, no composition root.',
      severity: 'error',
      from: { path: '^api/src/kernel/' },
      to: { path: ['^api/src/(features|graphql|http|server|lib|db)/', '^api/src/(app|main)\\.ts$', ADAPTER_PACKAGES] },
    },
  ],
  options: {
    // Type-only imports are dependencies too (they are what make cycles and layering leaks invisible to node).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

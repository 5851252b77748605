// `npm run build:api`: the API compiled to plain JavaScript in api/dist/ (`node api/dist/main.js`, no TypeScript
// loader at run time). One ESM bundle per entry point; node_modules stay external and are resolved at run time.
// `keepNames`: type-graphql, MikroORM (entity and migration names) and the migrations table read class names, so the
// bundler must not rename a class when two files declare the same name.
import { build } from 'esbuild';
import { copyFileSync, cpSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from './lib/paths.mjs';

const SRC = join(ROOT, 'api/src');
// `--outdir <dir>` (the build test): any folder directly under api/, so config.ts's `../..` is the project root.
const outFlag = process.argv.indexOf('--outdir');
const OUT = outFlag > 0 ? resolve(process.argv[outFlag + 1]) : join(ROOT, 'api/dist');
if (dirname(OUT) !== join(ROOT, 'api')) throw new Error(`build:api: the output folder must be directly under api/ (got ${OUT})`);
/** The command-line entry points next to the server (`migrate.js`: `npm run migrate`, `admin-cli.js`: `npm run admin`, without tsx). */
const ENTRIES = ['main', 'migrate', 'admin-cli'];

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  entryPoints: ENTRIES.map((name) => ({ in: join(SRC, `${name}.ts`), out: name })),
  outdir: OUT,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Stack traces in logs point into api/src, without asking every operator for `node --enable-source-maps`.
  banner: { js: 'process.setSourceMapsEnabled(true);' },
  keepNames: true,
  tsconfig: join(ROOT, 'tsconfig.json'),
  logLevel: 'warning',
  metafile: true,
});
// Loaded by path at run time, relative to the module that starts it: `new URL('./media.worker.mjs', import.meta.url)`
// in features/media/media.image.ts resolves next to the bundle. It is plain JavaScript already.
copyFileSync(join(SRC, 'features/media/media.worker.mjs'), join(OUT, 'media.worker.mjs'));
// The developer guide at /docs (features/docs/docs.sources.ts): its Markdown and the schema its reference is made from.
cpSync(join(ROOT, 'docs'), join(OUT, 'docs'), { recursive: true });
copyFileSync(join(ROOT, 'schema/schema.graphql'), join(OUT, 'docs/schema.graphql'));

const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .map(([file, { bytes }]) => `${file} ${(bytes / 1024).toFixed(0)} KiB`);
console.log(`build:api: ${bytes.join(', ')}, media.worker.mjs, docs/`);

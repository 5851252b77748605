import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../../config.js';

/** Where the guide's Markdown and the schema it documents are read from. */
export interface DocsSources {
  /** The folder of `*.md` guide pages (`README.md` is the index). */
  guideDir: string;
  /** The SDL the reference is generated from. */
  schemaFile: string;
}

/**
 * The production build copies `docs/` and `schema/schema.graphql` next to the bundle (`api/dist/docs/`), so a
 * deployment that keeps only `api/dist` still serves the guide; from the sources (tsx) they are read in place.
 */
export function docsSources(): DocsSources {
  const bundled = fileURLToPath(new URL('./docs/', import.meta.url));
  if (existsSync(join(bundled, 'schema.graphql'))) return { guideDir: bundled, schemaFile: join(bundled, 'schema.graphql') };
  return { guideDir: join(PROJECT_ROOT, 'docs'), schemaFile: join(PROJECT_ROOT, 'schema/schema.graphql') };
}

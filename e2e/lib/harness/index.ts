/**
 * The emotion-background test page (./page), bundled once per run and served
 * with the app's MediaPipe assets. See page/main.ts for what the page can do.
 */
import { join } from 'node:path';
import { ROOT, bundlePage, ensureMediapipeAssets, servePageWithAssets, type PageServer } from './pageServer';

const HARNESS_PAGE_DIR = join(ROOT, 'e2e/lib/harness/page');
const OUT_DIR = join(ROOT, '.tmp/e2e-harness');

export async function startHarnessServer(): Promise<PageServer> {
  await ensureMediapipeAssets();
  await bundlePage(HARNESS_PAGE_DIR, OUT_DIR);
  return servePageWithAssets(OUT_DIR);
}

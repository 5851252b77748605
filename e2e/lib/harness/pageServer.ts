/**
 * Bundles a small test page with Vite's build() API (the same bundler as the app,
 * so the processor's worker is built the way the app builds it) and serves it,
 * with the app's MediaPipe assets, from a tiny static server on 127.0.0.1.
 * Shared by the browser tests (e2e/lib/harness) and bench/processor.ts.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PUBLIC_MODELS = join(ROOT, 'client/public/models');
const PUBLIC_MEDIAPIPE = join(ROOT, 'client/public/mediapipe');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Fails with the fix when setup has not put the models and the wasm runtime in client/public. */
export async function ensureMediapipeAssets(): Promise<void> {
  const missing = [
    join(PUBLIC_MODELS, 'selfie_segmenter.tflite'),
    join(PUBLIC_MODELS, 'face_landmarker.task'),
    join(PUBLIC_MEDIAPIPE, 'vision_wasm_internal.wasm'),
  ].filter((file) => !existsSync(file));
  if (!missing.length) return;
  // setup's own installer, from MODELS_DIR or the shared folder beside the repository.
  const shared = resolve(ROOT, '../shared/models');
  if (!process.env.MODELS_DIR && existsSync(shared)) process.env.MODELS_DIR = shared;
  const models = (await import(join(ROOT, 'scripts/lib/models.mjs'))) as { installModels(log?: (line: string) => void): Promise<void> };
  await models
    .installModels(() => undefined)
    .catch((error: Error) => {
      throw new Error(`MediaPipe assets missing (${missing.join(', ')}) and could not be installed: ${error.message}. Run npm run setup.`);
    });
}

/** Builds `pageDir/index.html` (and what it imports) into `outDir`. */
export async function bundlePage(pageDir: string, outDir: string): Promise<void> {
  await build({
    root: pageDir,
    configFile: false,
    logLevel: 'warn',
    base: '/',
    publicDir: false,
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: false, sourcemap: false, reportCompressedSize: false },
  });
}

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/** URL prefix → file or folder on disk; nothing outside these is served. */
async function serveStatic(mounts: Record<string, string>): Promise<PageServer> {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server: Server = createServer((request, response) => {
    let path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const prefix = prefixes.find((candidate) => path.startsWith(candidate));
    const root = prefix === undefined ? undefined : resolve(mounts[prefix]);
    const file = root && resolve(root, '.' + sep + path.slice(prefix!.length));
    if (!root || !file || !(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A bundled page at `/`, with the app's models at /models/ and the wasm runtime at /mediapipe/. */
export async function servePageWithAssets(outDir: string): Promise<PageServer> {
  return serveStatic({ '/': outDir, '/models/': PUBLIC_MODELS, '/mediapipe/': PUBLIC_MEDIAPIPE });
}

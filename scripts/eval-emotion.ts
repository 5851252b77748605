/**
 * `npm run eval:emotion` — how well classifyEmotion recognises the labelled photos.
 *
 * Serves tasks-vision, the model and the photos from 127.0.0.1, runs FaceLandmarker
 * (IMAGE mode, options from landmarkerOptions.ts) in headless Chromium on every
 * photo, then classifies the blendshapes here in Node with the app's own
 * classifyEmotion and prints accuracy and the confusion matrix.
 *
 *   npm run eval:emotion               run the browser, write .bench/blendshapes.json
 *   npm run eval:emotion -- --cached   reuse .bench/blendshapes.json (no browser)
 *
 * Env: MODELS_DIR (default client/public/models, then ../shared/models),
 *      FACES_DIR (default ../shared/faces), CHROMIUM_PATH.
 * Exit 0 after the report (it is not a gate); 1 when the browser or model fails.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../e2e/lib/browser';
import { EMOTIONS, classifyEmotion } from '../client/src/features/facechat/emotion/classify';
import { APP_CONSTANTS, coreHits as coreHitsWith, hasBaseline, leaveOnePersonOut } from './lib/emotionLopo';
import {
  FACE_LANDMARKER_MODEL_FILE,
  MAX_INPUT_SIDE,
  faceLandmarkerOptions,
} from '../client/src/features/facechat/emotion/landmarkerOptions';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TASKS_VISION_DIR = join(ROOT, 'node_modules/@mediapipe/tasks-vision');
const PAGE_DIR = join(ROOT, 'scripts/lib/eval-page');
const CACHE_FILE = join(ROOT, '.bench/blendshapes.json');
const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp']);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

interface Photo {
  label: string;
  file: string; // relative to FACES_DIR, e.g. happy/x.jpg
}

interface DetectedPhoto extends Photo {
  width: number;
  height: number;
  blendshapes: Record<string, number> | null;
}

function modelsDir(): string {
  if (process.env.MODELS_DIR) return resolve(process.env.MODELS_DIR);
  const appModels = join(ROOT, 'client/public/models');
  if (existsSync(join(appModels, FACE_LANDMARKER_MODEL_FILE))) return appModels;
  return resolve(ROOT, '../shared/models');
}

function facesDir(): string {
  return resolve(process.env.FACES_DIR ?? join(ROOT, '../shared/faces'));
}

function listPhotos(dir: string): Photo[] {
  const photos: Photo[] = [];
  for (const label of readdirSync(dir).sort()) {
    if (!statSync(join(dir, label)).isDirectory()) continue;
    for (const name of readdirSync(join(dir, label)).sort()) {
      if (IMAGE_EXTENSIONS.has(extname(name).toLowerCase())) photos.push({ label, file: `${label}/${name}` });
    }
  }
  return photos;
}

/** URL prefix → directory on disk. Nothing outside these is served. */
function startStaticServer(mounts: Record<string, string>): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const prefix = Object.keys(mounts)
      .sort((a, b) => b.length - a.length)
      .find((candidate) => path.startsWith(candidate));
    const root = prefix === undefined ? undefined : mounts[prefix];
    const file = root && resolve(root, '.' + sep + path.slice(prefix!.length));
    if (!root || !file || !(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

async function detectAll(photos: Photo[], faces: string, models: string): Promise<DetectedPhoto[]> {
  const server = await startStaticServer({
    '/eval-page.mjs': join(PAGE_DIR, 'eval-page.mjs'),
    '/index.html': join(PAGE_DIR, 'index.html'),
    '/vision_bundle.mjs': join(TASKS_VISION_DIR, 'vision_bundle.mjs'),
    '/wasm/': join(TASKS_VISION_DIR, 'wasm'),
    '/models/': models,
    '/faces/': faces,
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser | undefined;
  try {
    browser = await launchChromium(['--enable-unsafe-swiftshader']);
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('[page]', error.message));
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction('window.evalPageReady === true', undefined, { timeout: 30_000 });
    const options = faceLandmarkerOptions('IMAGE', `/models/${FACE_LANDMARKER_MODEL_FILE}`);
    await page.evaluate(`window.initLandmarker(${JSON.stringify(options)})`);
    const detected: DetectedPhoto[] = [];
    for (const photo of photos) {
      const url = `/faces/${photo.file.split('/').map(encodeURIComponent).join('/')}`;
      const result = (await page.evaluate(`window.detectBlendshapes(${JSON.stringify(url)}, ${MAX_INPUT_SIDE})`)) as Omit<
        DetectedPhoto,
        keyof Photo
      >;
      detected.push({ ...photo, ...result });
    }
    return detected;
  } finally {
    await browser?.close();
    server.closeAllConnections(); // keep-alive sockets would hold the process open
    server.close();
  }
}

const percent = (hits: number, total: number) => (total === 0 ? '   -  ' : `${((100 * hits) / total).toFixed(1).padStart(5)}%`);

function report(detected: DetectedPhoto[]): void {
  const labels = [...new Set(detected.map((photo) => photo.label))];
  const predictedClasses = [...EMOTIONS];
  const confusion = new Map<string, Map<string, number>>(labels.map((label) => [label, new Map()]));
  const noFace: string[] = [];
  const core = new Set<string>(EMOTIONS);
  let coreHits = 0;
  let coreTotal = 0;
  let allHits = 0;

  console.log('\nPer photo (label → predicted, confidence, top scores):');
  for (const photo of detected) {
    if (!photo.blendshapes) {
      noFace.push(photo.file);
      continue;
    }
    const { emotion, confidence, scores } = classifyEmotion(photo.blendshapes);
    const row = confusion.get(photo.label)!;
    row.set(emotion, (row.get(emotion) ?? 0) + 1);
    if (emotion === photo.label) allHits += 1;
    if (core.has(photo.label)) {
      coreTotal += 1;
      if (emotion === photo.label) coreHits += 1;
    }
    const top = Object.entries(scores)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([name, score]) => `${name} ${score.toFixed(2)}`)
      .join(', ');
    const mark = emotion === photo.label ? ' ' : '✗';
    console.log(`${mark} ${photo.file.padEnd(44)} → ${emotion.padEnd(10)} ${confidence.toFixed(2)}  [${top}]`);
  }

  console.log('\nPer-class accuracy (photos with a face):');
  for (const label of labels) {
    const row = confusion.get(label)!;
    const total = [...row.values()].reduce((sum, count) => sum + count, 0);
    console.log(`  ${label.padEnd(10)} ${percent(row.get(label) ?? 0, total)}  (${row.get(label) ?? 0}/${total})`);
  }

  console.log('\nConfusion matrix (rows: label, columns: predicted):');
  const cell = (text: string) => text.slice(0, 9).padStart(10);
  console.log(`${''.padEnd(10)}${predictedClasses.map(cell).join('')}`);
  for (const label of labels) {
    const row = confusion.get(label)!;
    console.log(`${label.padEnd(10)}${predictedClasses.map((name) => cell(String(row.get(name) ?? 0))).join('')}`);
  }

  const withFace = detected.length - noFace.length;
  console.log(`\nCore-5 accuracy (${EMOTIONS.join(', ')}): ${percent(coreHits, coreTotal)}  (${coreHits}/${coreTotal})`);
  console.log(`All-class accuracy: ${percent(allHits, withFace)}  (${allHits}/${withFace})`);
  console.log(noFace.length ? `No face found in: ${noFace.join(', ')}` : 'A face was found in every photo.');
  reportBaseline(detected);
}

/** Plain vs per-person neutral baseline, in-sample and leave-one-person-out (scripts/lib/emotionLopo.ts). */
function reportBaseline(detected: DetectedPhoto[]): void {
  const line = (name: string, { hits, total }: { hits: number; total: number }) =>
    console.log(`  ${name.padEnd(58)} ${percent(hits, total)}  (${hits}/${total})`);
  console.log("\nPer-person neutral baseline (core-5; a baseline only from the person's own other neutral photos):");
  const withBaseline = detected.filter((photo) => photo.blendshapes && hasBaseline(photo, detected)).length;
  console.log(`  (${withBaseline} photos have a baseline: people with another neutral photo of themselves)`);
  line('plain, app constants', coreHitsWith(detected, { ...APP_CONSTANTS, strength: 0 }));
  line('baseline, app constants (strength 1, neutral level 0.2)', coreHitsWith(detected, APP_CONSTANTS));
  line('LOPO plain (neutral level fitted without the person)', leaveOnePersonOut(detected, [0]));
  const lopo = leaveOnePersonOut(detected);
  line('LOPO baseline (strength + neutral level fitted without)', lopo);
  const fits = Object.entries(lopo.fitted).map(([person, c]) => `${person}: ${c.strength}/${c.neutralLevel}`);
  console.log(`  fitted strength/neutral level per held-out person: ${fits.join('; ')}`);
}

async function main(): Promise<number> {
  let detected: DetectedPhoto[];
  if (process.argv.includes('--cached')) {
    if (!existsSync(CACHE_FILE)) {
      console.error(`No ${relative(process.cwd(), CACHE_FILE)} yet: run once without --cached.`);
      return 1;
    }
    detected = JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as DetectedPhoto[];
    console.log(`Read ${detected.length} photos from ${relative(process.cwd(), CACHE_FILE)}`);
  } else {
    const faces = facesDir();
    const models = modelsDir();
    if (!existsSync(join(models, FACE_LANDMARKER_MODEL_FILE))) {
      console.error(`Model not found: ${join(models, FACE_LANDMARKER_MODEL_FILE)} (set MODELS_DIR)`);
      return 1;
    }
    const photos = listPhotos(faces);
    console.log(`${photos.length} photos from ${faces}, model from ${models}`);
    try {
      detected = await detectAll(photos, faces, models);
    } catch (error) {
      console.error('Landmarker run failed:', error instanceof Error ? error.message : error);
      return 1;
    }
    mkdirSync(dirname(CACHE_FILE), { recursive: true });
    writeFileSync(CACHE_FILE, JSON.stringify(detected, null, 1));
  }
  report(detected);
  return 0;
}

process.exitCode = await main();

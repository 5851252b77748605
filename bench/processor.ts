/**
 * `npm run bench:processor` — frame rate of the published (processed) video with
 * our emotion-background processor, recognition running, against LiveKit's own
 * virtual background (@livekit/track-processors, CPU delegate, self-hosted
 * assets), on the same fake 640×480 camera at 20 fps in headless Chromium.
 *
 * The fake camera plays a face photo (e2e/lib/y4m.ts), so the face landmarker does
 * its full work (detection, mesh, blendshapes) rather than finding no face.
 * Each processor: wait until it runs (ours: until both models produced results),
 * 3 s warm-up, then count the processed track's frames for 10 s.
 *
 *   npm run bench:processor -- --size 1280x720    another camera size (default 640x480)
 *
 * Ours runs twice: compositing in the compose worker (what Chromium gets) and on the
 * main thread (browsers that cannot hand the camera's frames to a worker).
 *
 * Env: BENCH_MEASURE_MS, BENCH_WARMUP_MS, BENCH_FACE (photo), BENCH_ORDER (default
 * "ours,ours-main,livekit"; all three always run), CHROMIUM_PATH.
 * Exit 1 when ours (either way) is under 90 % of the camera rate (18 fps) or fell back to a flat colour.
 */
import { mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { MEDIA_FLAGS, launchChromium } from '../e2e/lib/browser';
import { ROOT, bundlePage, ensureMediapipeAssets, servePageWithAssets } from '../e2e/lib/harness/pageServer';
import { photoToY4m } from '../e2e/lib/y4m';
import type { BenchOptions, BenchResult } from './lib/processor-page/main';

/** `--size WxH` (even numbers), default 640x480. */
function cameraSize(): { width: number; height: number } {
  const index = process.argv.indexOf('--size');
  const match = index >= 0 ? /^(\d+)x(\d+)$/.exec(process.argv[index + 1] ?? '') : null;
  if (index >= 0 && !match) throw new Error('--size wants WIDTHxHEIGHT, e.g. --size 1280x720');
  const [width, height] = match ? [Number(match[1]), Number(match[2])] : [640, 480];
  if (width % 2 || height % 2) throw new Error('--size: width and height must be even');
  return { width, height };
}
const { width: WIDTH, height: HEIGHT } = cameraSize();
const FRAME_RATE = 20;
const LABELS: Record<BenchOptions['which'], string> = {
  ours: 'ours (emotion, worker)',
  'ours-main': 'ours (emotion, main)  ',
  livekit: 'LiveKit virtual bg    ',
};
const TARGET_FPS = 0.9 * FRAME_RATE;
const WORK_DIR = join(ROOT, '.bench/processor');
const FACE = process.env.BENCH_FACE ?? join(ROOT, '../shared/faces/happy/vggemo_happy.jpg');

/** The busiest processes right now, so a slow figure can be read against what else ran. */
function busiestProcesses(): string {
  try {
    const lines = execFileSync('ps', ['-eo', 'pcpu,comm', '--sort=-pcpu'], { encoding: 'utf8' }).trim().split('\n');
    return lines
      .slice(1, 6)
      .map((line) => line.trim())
      .join(', ');
  } catch {
    return 'unknown';
  }
}

function machineLine(): string {
  const [one, five] = loadavg();
  return `load ${one.toFixed(2)} (1 min) ${five.toFixed(2)} (5 min) on ${cpus().length} cores; busiest: ${busiestProcesses()}`;
}

/** The camera's rate kept with the full effect (not by falling back to a flat colour). */
const met = (result: BenchResult) => result.fps >= TARGET_FPS && !result.stats?.fallback;
const verdict = (result: BenchResult) =>
  met(result) ? 'met' : `MISSED (${result.fps.toFixed(1)} fps, fallback ${result.stats?.fallback ?? 'none'})`;

function describe(result: BenchResult): string {
  const extra =
    result.maskHz !== undefined
      ? `, masks ${result.maskHz.toFixed(1)} Hz, recognition ${result.recognitionHz!.toFixed(1)} Hz` +
        ` (segment ${result.stats!.segmentMs.toFixed(0)} ms, landmark ${result.stats!.landmarkMs.toFixed(0)} ms,` +
        ` compose ${result.stats!.composeMs.toFixed(1)} ms, ${result.stats!.pipeline}, fallback ${result.stats!.fallback ?? 'none'},` +
        ` emotion ${result.stats!.emotion})`
      : result.livekitMs
        ? `, its segmentation ${result.livekitMs.segmentation.toFixed(0)} ms + drawing ${result.livekitMs.filter.toFixed(0)} ms a frame, both on the main thread`
        : '';
  return `${result.fps.toFixed(1)} fps (camera ${result.cameraFps.toFixed(1)} fps, first frame after ${result.startMs.toFixed(0)} ms${extra})`;
}

async function main(): Promise<void> {
  mkdirSync(WORK_DIR, { recursive: true });
  await ensureMediapipeAssets();
  const camera = join(WORK_DIR, 'camera.y4m');
  // A portrait photo cropped from the top to 16:9 loses the mouth: crop wide frames around the middle.
  await photoToY4m(FACE, camera, { width: WIDTH, height: HEIGHT, fps: FRAME_RATE, position: WIDTH / HEIGHT > 1.5 ? 'centre' : 'top' });
  const pageDir = join(ROOT, 'bench/lib/processor-page');
  const outDir = join(WORK_DIR, 'page');
  await bundlePage(pageDir, outDir);
  const server = await servePageWithAssets(outDir);
  const browser = await launchChromium([...MEDIA_FLAGS, `--use-file-for-fake-video-capture=${camera}`]);
  const results: BenchResult[] = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('[page]', error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.error('[page]', message.text());
    });
    await page.goto(`${server.origin}/`);
    await page.waitForFunction('window.benchPageReady === true', undefined, { timeout: 30_000 });
    console.log(`machine before: ${machineLine()}`);
    const all: BenchOptions['which'][] = ['ours', 'ours-main', 'livekit'];
    const asked = (process.env.BENCH_ORDER ?? all.join(',')).split(',') as BenchOptions['which'][];
    const order = asked.length === all.length && all.every((which) => asked.includes(which)) ? asked : all;
    for (const which of order) {
      const options: BenchOptions = {
        which,
        warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 3000),
        measureMs: Number(process.env.BENCH_MEASURE_MS ?? 10_000),
        width: WIDTH,
        height: HEIGHT,
        frameRate: FRAME_RATE,
      };
      const result = (await page.evaluate(`window.runBench(${JSON.stringify(options)})`)) as BenchResult;
      results.push(result);
      console.log(`${LABELS[which]}: ${describe(result)}`);
    }
    console.log(`machine after:  ${machineLine()}`);
  } finally {
    await browser.close();
    await server.close();
  }
  const ours = results.find((result) => result.which === 'ours')!;
  const oursMain = results.find((result) => result.which === 'ours-main')!;
  const livekit = results.find((result) => result.which === 'livekit')!;
  const oursFrameMs = ours.stats!.composeMs;
  const livekitFrameMs = livekit.livekitMs ? livekit.livekitMs.segmentation + livekit.livekitMs.filter : NaN;
  console.log(
    `camera ${WIDTH}×${HEIGHT}@${FRAME_RATE}; ms a frame: ours ${oursFrameMs.toFixed(1)} (compose worker; ` +
      `${oursMain.stats!.composeMs.toFixed(1)} on the main thread), LiveKit ${livekitFrameMs.toFixed(1)} (main thread)`,
  );
  console.log(
    `ratio ours / LiveKit: fps ${(ours.fps / livekit.fps).toFixed(2)}×, frame ms ${(oursFrameMs / livekitFrameMs).toFixed(2)}×   ` +
      `target ≥ ${TARGET_FPS} fps with the full effect: ours ${verdict(ours)}, on the main thread ${verdict(oursMain)}`,
  );
  if (![ours, oursMain].every(met)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

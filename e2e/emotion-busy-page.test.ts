/**
 * With the compositing in the compose worker, and the frames read there without the page
 * (WebGL, as the app does with a GPU; here software WebGL, asked for; or converted on the
 * CPU, the cpuFrames option), the effect does not need the page's main thread: a busy page — the
 * feed rendering while the call runs in the mini bar, a heavy script — does not freeze the
 * video the others see. Alice's page is kept busy for 2 s; Bob's page must go on presenting new
 * frames of her video, with the theme. The same with compositing on the main thread
 * (the path browsers take that cannot hand the camera's frames to a worker) shows what
 * the test tells apart: her video stops for as long as her page is busy.
 */
import { describe, expect, it } from 'vitest';
import { THEMES, colourDistance } from '../client/src/features/facechat/processor/themes.js';
import { harnessState, poll, sampleRemote, useEmotionCall, type Access } from './lib/emotionCall.js';
import type { Page } from 'playwright-core';
import type { Rgb } from './lib/harness/imageStats.js';

const { withCall } = useEmotionCall('e2e-emotion-busy-page');
const BUSY_MS = 2000;
/** Frames already on their way when the page got busy are no evidence: count from this far in. */
const SETTLE_MS = 300;

/** Frames Bob's page presented while Alice's was busy, and the longest wait between two of them then. */
async function framesWhileBusy(publisher: Page, viewer: Page) {
  const { from, to } = (await publisher.evaluate(`busy(${BUSY_MS})`)) as { from: number; to: number };
  await new Promise((resolve) => setTimeout(resolve, 300)); // the last frames of the window arrive
  const start = from + SETTLE_MS;
  const times = (await harnessState(viewer)).remoteFrameTimes.filter((time) => time >= start && time <= to);
  const edges = [start, ...times, to];
  const longestGapMs = Math.max(...edges.slice(1).map((time, index) => time - edges[index]));
  return { frames: times.length, longestGapMs: Math.round(longestGapMs) };
}

/** main: compositing on the main thread; webgl: in the compose worker, frames read with WebGL; cpu: on the CPU. */
type Path = 'main' | 'cpu' | 'webgl';

async function sadThemeShown(publisher: Page, viewer: Page, access: Access, path: Path): Promise<void> {
  // A generous frame budget: the theme must stay, not fall back to a flat colour on a busy machine.
  const webgl = path === 'webgl' ? `, webglFrames: 'always'` : path === 'cpu' ? ', cpuFrames: true' : '';
  const options = `{ mode: 'mood', frameBudgetMs: 1000, mainThreadCompositing: ${path === 'main'}${webgl} }`;
  await publisher.evaluate(`publish(${JSON.stringify(access)}, ${options})`);
  await publisher.evaluate(`setMood('sad')`);
  await poll('masks', 20_000, async () => ((await harnessState(publisher)).stats?.masks ?? 0) >= 3 || undefined);
  await poll('the sad theme in the remote video', 15_000, async () => {
    const sample = await sampleRemote(viewer);
    return sample && colourDistance(sample.corners.left, THEMES.sad.top) < 60 ? true : undefined;
  });
}

/** A call with the sad theme on Alice's video; her page is then busy for BUSY_MS. What Bob's page saw meanwhile. */
async function busyCall(path: Path) {
  let result: { frames: number; longestGapMs: number; cornerAfter: readonly number[] } | null = null;
  await withCall('neutral/vggemo_neutral.jpg', `busy-${path}`, async (publisher, viewer, access) => {
    await sadThemeShown(publisher, viewer, access, path);
    const busy = await framesWhileBusy(publisher, viewer);
    const where = { main: 'main thread', cpu: 'compose worker, CPU conversion', webgl: 'compose worker, WebGL' }[path];
    console.log(`[busy page] ${where}: ${busy.frames} frames in ${BUSY_MS - SETTLE_MS} ms, longest gap ${busy.longestGapMs} ms`);
    result = { ...busy, cornerAfter: (await sampleRemote(viewer))!.corners.left };
  });
  return result!;
}

describe('a busy page', () => {
  it.each(['cpu', 'webgl'] as const)(
    'does not freeze the video others see: frames keep coming, with the theme, while the page is busy (%s)',
    async (path) => {
      const busy = await busyCall(path);
      // The camera sends 20 a second: a quarter of that is "still moving"; a frozen video shows none.
      expect(busy.frames).toBeGreaterThanOrEqual(8);
      expect(busy.longestGapMs).toBeLessThan(1000);
      expect(colourDistance(busy.cornerAfter as Rgb, THEMES.sad.top)).toBeLessThan(60);
    },
  );

  it('(the difference it makes) composited on the main thread, the video stops while the page is busy', async () => {
    expect((await busyCall('main')).longestGapMs).toBeGreaterThan(1000);
  });
});

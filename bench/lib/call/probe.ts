/**
 * In-page instrumentation for bench:call (installed with `addInitScript`, so it survives reloads
 * and lives through the SPA's own navigations):
 * - `__callProbe.acceptAt`: when the Accept button of the incoming-call dialog was clicked;
 * - `__callProbe.firstRemoteFrameAt`: when the first video frame of a REMOTE tile was presented
 *   (requestVideoFrameCallback on every remote tile's <video> as it appears).
 * Times are epoch milliseconds from `performance.timeOrigin + high-resolution now`, so pages of one
 * browser compare directly.
 */
import type { Page } from 'playwright-core';

export interface ProbeState {
  acceptAt: number | null;
  firstRemoteFrameAt: number | null;
  /** The first remote frame's size and when its last packet arrived (WebRTC's receiveTime), for BENCH_TRACE. */
  firstFrame: { width: number; height: number; receivedAt: number | null } | null;
}

declare global {
  interface Window {
    __callProbe: ProbeState;
    __callProbeFirstFrame: () => Promise<ProbeState>;
  }
}

/**
 * Runs in the page. Plain JavaScript in a string: a function's source as tsx compiles it would
 * carry esbuild's `__name` helper, which the page does not have.
 */
const INSTALL = `(() => {
  const probe = { acceptAt: null, firstRemoteFrameAt: null, firstFrame: null };
  window.__callProbe = probe;
  // Waiting without polling: the bench's readings would otherwise run on the page's main thread every few ms.
  let waiters = [];
  window.__callProbeFirstFrame = () => window.__callProbe.firstRemoteFrameAt !== null
    ? Promise.resolve({ ...window.__callProbe })
    : new Promise((resolve) => waiters.push(resolve));
  const epoch = (highRes) => performance.timeOrigin + highRes;
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (target && target.closest && target.closest('[data-testid=accept-call]') && window.__callProbe.acceptAt === null) {
      window.__callProbe.acceptAt = epoch(event.timeStamp);
    }
  }, true);
  const watched = new WeakSet();
  const watch = (video) => {
    if (watched.has(video)) return;
    watched.add(video);
    video.requestVideoFrameCallback((now, meta) => {
      if (window.__callProbe.firstRemoteFrameAt !== null) return;
      window.__callProbe.firstRemoteFrameAt = epoch(now);
      window.__callProbe.firstFrame = { width: meta.width, height: meta.height, receivedAt: meta.receiveTime === undefined ? null : epoch(meta.receiveTime) };
      const ready = waiters;
      waiters = [];
      ready.forEach((resolve) => resolve({ ...window.__callProbe }));
    });
  };
  const scan = () => document.querySelectorAll('[data-testid=call-tile][data-local=false] video').forEach(watch);
  new MutationObserver(scan).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-local'] });
})();`;

export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: INSTALL });
}

export async function resetProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__callProbe.acceptAt = null;
    window.__callProbe.firstRemoteFrameAt = null;
    window.__callProbe.firstFrame = null;
  });
}

/** The probe once the page has presented its first remote frame (waited for in the page: nothing polls it). */
export async function firstRemoteFrame(page: Page, what: string, timeoutMs: number): Promise<ProbeState> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([page.evaluate(() => window.__callProbeFirstFrame()), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

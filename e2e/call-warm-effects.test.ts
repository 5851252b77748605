/**
 * Issue 13 (instant connect): the background effect's models load while the app is idle, not while a call is being
 * set up. Alice (emotion backgrounds on) has had the app open a moment: her tab has loaded them in a worker of its
 * own, before any call. Her call takes that worker (no second one loads) and her theme reaches Bob; after hanging up
 * the worker stays loaded for her next call, which uses it again. Bob, whose effect is off, loads nothing at all.
 * Real API, LiveKit, models and Chromium (its fake camera); build the client first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { befriend, callContext, fakeMediaFlags, newUser, subscriptionSent, waitFor } from '../bench/lib/call/pages.js';
import { THEMES, colourDistance } from '../client/src/features/facechat/processor/themes.js';
import { openAs } from './lib/call.js';
import { useBrowserSuite } from './lib/suite.js';
import { sampleVideo } from './lib/videoSample.js';

const suite = useBrowserSuite({ livekit: true, chromiumArgs: fakeMediaFlags(15) });

/** The tab's analysis workers (analysis.worker.ts, as the build names it). */
const analysisWorkers = (page: Page) => page.workers().filter((worker) => /analysis\.worker/.test(worker.url()));
const modelsLoaded = (page: Page) => page.evaluate(() => performance.getEntriesByName('effects:models-ready').length);

/** Bob's picture of Alice has her theme behind her (the fake camera shows no face: the neutral theme). */
async function bobSeesHerTheme(bob: Page): Promise<void> {
  await waitFor(
    "Alice's neutral theme at the top corners of Bob's picture of her",
    () => sampleVideo(bob, '[data-testid=call-tile][data-local=false] video'),
    (sample) => !!sample && [sample.corners.left, sample.corners.right].every((corner) => colourDistance(corner, THEMES.neutral.top) < 60),
    45_000,
    500,
  );
}

/** Alice calls Bob from his profile, reached inside the app (a reload would start her tab afresh); Bob accepts. */
async function callBob(alice: Page, bob: Page, bobName: string): Promise<void> {
  await alice.evaluate((path) => {
    history.pushState(history.state, '', path);
    dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
  }, `/u/${bobName}`);
  await alice.getByTestId('start-call').click();
  await bob.getByTestId('accept-call').click();
  for (const page of [alice, bob]) await page.locator('[data-testid=call-tile][data-local=false][data-user-id]').waitFor();
}

async function hangUp(alice: Page, bob: Page): Promise<void> {
  await alice.getByTestId('leave-call').click();
  await alice.getByTestId('call-leave-dialog-confirm').click();
  await bob.locator('[data-testid=call-outcome][data-ending=ENDED]').waitFor({ timeout: 30_000 });
}

describe('the background effect loads while the app is idle', () => {
  it('is loaded before a call, used by it, kept for the next one, and never loaded with the effect off', { timeout: 240_000 }, async () => {
    const [alice, bob] = [await newUser(suite.stack, 'Alice Kim'), await newUser(suite.stack, 'Bob Lee')];
    await befriend(suite.stack, alice, bob);
    // Bob (effect off) opens the app first: by the time Alice's models are loaded, his tab has been open longer.
    const b = await openAs(suite.browser, suite.stack.baseUrl, bob, 'en-US');
    const a = await suite.signedIn(alice, {
      context: (browser, baseUrl, locale) => callContext(browser, baseUrl, { locale, effect: 'emotion' }),
      ready: (page) => subscriptionSent(page, 'IncomingCall'),
    });

    // Alice's app, idle on the home page, loads the models: one worker, before any call.
    await waitFor(
      'the models loaded while the app was idle',
      () => modelsLoaded(a.page),
      (n) => n === 1,
      60_000,
      250,
    );
    expect(analysisWorkers(a.page)).toHaveLength(1);
    const warmWorker = analysisWorkers(a.page)[0]!;
    expect(analysisWorkers(b.page)).toHaveLength(0);

    // Her call uses that worker: her theme reaches Bob, and no other worker (nor a second load) was needed.
    await callBob(a.page, b.page, bob.username);
    await bobSeesHerTheme(b.page);
    expect(analysisWorkers(a.page)).toEqual([warmWorker]);
    expect(await modelsLoaded(a.page)).toBe(1);
    await hangUp(a.page, b.page);

    // After the call it stays loaded, and her next call takes it again.
    expect(analysisWorkers(a.page)).toEqual([warmWorker]);
    await callBob(a.page, b.page, bob.username);
    await bobSeesHerTheme(b.page);
    expect(analysisWorkers(a.page)).toEqual([warmWorker]);
    expect(await modelsLoaded(a.page)).toBe(1);
    await hangUp(a.page, b.page);

    // Bob's effect is off: his tab never loaded the models, before, during or after the calls.
    expect(analysisWorkers(b.page)).toHaveLength(0);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});

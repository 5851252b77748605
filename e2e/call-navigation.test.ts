/**
 * Issue 13: the call outlives its page. In a 1:1 call Alice browses to Home: the call goes on (mini bar with Bob's
 * video still playing, Bob still sees hers), she comes back through "Return to call" (same connection: Bob never
 * sees her leave), then leaves — asked first — and Bob is told "Alice left", sees the call's end and "Call again" /
 * "Message", and both histories say ENDED. Real API, LiveKit and Chromium (fake cameras); build the client first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gql } from '../api/src/test/client.js';
import { assertRemoteVideoPlaying, befriend, fakeMediaFlags, newUser, waitFor } from '../bench/lib/call/pages.js';
import { connectCall, openAs } from './lib/call.js';
import { signOutThroughUi } from './lib/app.js';
import { useBrowserSuite } from './lib/suite.js';

const suite = useBrowserSuite({ livekit: true, chromiumArgs: fakeMediaFlags(15) });

/** Frames the mini bar's thumbnail has decoded so far (0 when none). */
const miniFrames = (page: Page) =>
  page.$eval('[data-testid=call-mini-video]', (v) => {
    const video = v as HTMLVideoElement;
    return video.videoWidth > 0 ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
  });

const callStatus = async (token: string, callId: string) =>
  (await gql(suite.stack, 'query($id: ID!) { node(id: $id) { ... on Call { status answeredAt endedAt } } }', { id: callId }, { token }))
    .data.node;

describe('the call survives navigation inside the app', () => {
  it('keeps the call in a mini bar while browsing, returns to it, and leaving asks first and tells the other side', async () => {
    const [alice, bob] = [await newUser(suite.stack, 'Alice Kim'), await newUser(suite.stack, 'Bob Lee')];
    await befriend(suite.stack, alice, bob);
    const a = await openAs(suite.browser, suite.stack.baseUrl, alice, 'en-US');
    const b = await openAs(suite.browser, suite.stack.baseUrl, bob, 'en-US');
    const callPath = await connectCall(a.page, b.page, bob);
    const callId = new URL(a.page.url()).searchParams.get('call')!;
    await Promise.all([assertRemoteVideoPlaying(a.page, 1), assertRemoteVideoPlaying(b.page, 1)]);
    // Bob's arrival is a line in Alice's chat (by the name the API knows him by).
    await a.page.locator('[data-testid=chat-system-line][data-kind=joined]').filter({ hasText: 'Bob Lee joined' }).waitFor();

    // Alice clicks Home in the menu: the call goes on in the mini bar, Bob's video still playing there.
    await a.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await a.page.waitForURL((url) => url.pathname === '/');
    const bar = a.page.getByTestId('call-mini-bar');
    await bar.waitFor();
    expect(await bar.getByTestId('call-mini-names').textContent()).toContain('Bob Lee');
    const first = await waitFor(
      'frames in the mini bar',
      () => miniFrames(a.page),
      (n) => n > 0,
      20_000,
    );
    await a.page.waitForTimeout(1500);
    expect(await miniFrames(a.page)).toBeGreaterThan(first);
    expect(await bar.getByTestId('call-mini-timer').textContent()).toMatch(/^\d+:\d\d$/);
    // Bob still sees (and plays) Alice; the call is still on for the API.
    await assertRemoteVideoPlaying(b.page, 1);
    expect((await callStatus(bob.token, callId)).status).toBe('ACCEPTED');
    // Mute from the bar: a toggle that says so.
    await bar.getByTestId('call-mini-mute').click();
    await waitFor(
      'muted',
      () => bar.getByTestId('call-mini-mute').getAttribute('aria-pressed'),
      (v) => v === 'true',
      5000,
    );
    await bar.getByTestId('call-mini-mute').click();

    // A corner card at 1280×800, the bottom of the screen at 390×844 (just above the tab bar, which stays
    // uncovered); whole, and reachable with the keyboard.
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      await a.page.setViewportSize({ width, height });
      const box = (await bar.boundingBox())!;
      const bottom = width === 390 ? (await a.page.getByTestId('tab-bar').boundingBox())!.y : height;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.y + box.height).toBeLessThanOrEqual(bottom);
      expect(box.y + box.height).toBeGreaterThan(bottom - 40);
      if (width === 1280) expect(box.width).toBeLessThan(width / 2);
    }
    await a.page.setViewportSize({ width: 1280, height: 800 });
    expect(await bar.getAttribute('aria-label')).toBe('Ongoing call');
    await bar.getByTestId('call-mini-return').focus();
    expect(await a.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('call-mini-return');

    // Back through "Return to call": the same connection (Bob never saw her leave), her tiles play again.
    await bar.getByTestId('call-mini-return').click();
    await a.page.waitForURL((url) => url.pathname === callPath);
    await bar.waitFor({ state: 'detached' });
    await assertRemoteVideoPlaying(a.page, 1);
    expect(await b.page.locator('[data-testid=chat-system-line][data-kind=left]').count()).toBe(0);

    // Leaving asks first: Escape keeps the call…
    await a.page.getByTestId('leave-call').click();
    const dialog = a.page.getByTestId('call-leave-dialog');
    await dialog.getByRole('heading', { name: 'Leave the call?' }).waitFor();
    expect(await a.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('call-leave-dialog-cancel');
    await a.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await a.page.getByTestId('call-page').getAttribute('data-stage')).toBe('live');
    // …and closing or reloading the tab asks too (beforeunload is held back while the call is on).
    const held = await a.page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(held).toBe(true);
    expect(await a.page.getByTestId('call-page').getAttribute('data-stage')).toBe('live');

    // …confirming leaves: Bob is told, sees the call's end, and may call again or message her.
    await a.page.getByTestId('leave-call').click();
    await a.page.getByTestId('call-leave-dialog-confirm').click();
    await a.page.locator('[data-testid=call-outcome][data-ending=left]').waitFor();
    // The notice over the call (announced; the chat panel gives way to the outcome once the call is over).
    await b.page.locator('[data-testid=call-notice][data-kind=left]').filter({ hasText: 'Alice Kim left' }).waitFor();
    await b.page.locator('[data-testid=call-outcome][data-ending=ENDED]').waitFor();
    expect(await b.page.getByTestId('call-again').textContent()).toContain('Call again');
    expect(decodeURIComponent((await b.page.getByTestId('call-message').getAttribute('href'))!)).toBe(`/messages/to/${alice.id}`);

    // History: ENDED, with a duration (answered before it ended).
    const ended = await callStatus(bob.token, callId);
    expect(ended.status).toBe('ENDED');
    expect(Date.parse(ended.endedAt)).toBeGreaterThan(Date.parse(ended.answeredAt));
    await a.page.getByRole('link', { name: 'Call history' }).click();
    await a.page.locator('[data-testid=call-history-row][data-status=ENDED]').first().waitFor();

    // "Call again" rings Alice anew from Bob's side.
    await b.page.getByTestId('call-again').click();
    await b.page.waitForURL((url) => url.pathname.startsWith('/call/') && url.searchParams.get('call') !== callId);
    await a.page.getByTestId('incoming-call').waitFor();

    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await Promise.all([a.page.context().close(), b.page.context().close()]);
  });

  it('in Korean: picture-in-picture from the bar; it says the call ended when the other signs out (signing out hangs up)', async () => {
    const [alice, bob] = [await newUser(suite.stack, 'Alice Kim'), await newUser(suite.stack, '박보검')];
    await befriend(suite.stack, alice, bob);
    const a = await openAs(suite.browser, suite.stack.baseUrl, alice, 'en-US');
    const b = await openAs(suite.browser, suite.stack.baseUrl, bob, 'ko-KR');
    await connectCall(a.page, b.page, bob);
    const callId = new URL(a.page.url()).searchParams.get('call')!;

    // Bob browses to the call history; the bar keeps the call, in Korean.
    await b.page.getByTestId('nav-calls').click();
    const bar = b.page.getByTestId('call-mini-bar');
    await bar.waitFor();
    expect(await bar.getAttribute('aria-label')).toBe('진행 중인 통화');
    expect(await bar.getByTestId('call-mini-names').textContent()).toContain('Alice Kim');
    expect(await bar.getByTestId('call-mini-return').textContent()).toContain('통화로 돌아가기');
    await waitFor(
      'frames in the mini bar',
      () => miniFrames(b.page),
      (n) => n > 0,
      20_000,
    );

    // Picture-in-picture of Alice's video, where the browser has it (headless Chromium does).
    expect(await b.page.evaluate(() => document.pictureInPictureEnabled)).toBe(true);
    await bar.getByTestId('call-mini-pip').click();
    await waitFor(
      'picture-in-picture',
      () => b.page.evaluate(() => document.pictureInPictureElement?.getAttribute('data-testid') ?? null),
      (v) => v === 'call-mini-video',
      5000,
    );

    // Alice signs out mid-call: her call is hung up, Bob's bar says it ended, history says ENDED.
    await signOutThroughUi(a.page);
    await bar.getByTestId('call-mini-ended').filter({ hasText: '통화가 끝났어요' }).waitFor();
    expect((await callStatus(bob.token, callId)).status).toBe('ENDED');
    await b.page.locator('[data-testid=call-history-row][data-status=ENDED]').first().waitFor();

    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await Promise.all([a.page.context().close(), b.page.context().close()]);
  });
});

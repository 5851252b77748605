/**
 * examples/call-widget, as an integrator would run it: the plain HTML page served from its own origin, a personal
 * access token with the CALLS scope, joinRoom → livekit-client. A member in the app's room page (a second browser
 * profile) and the widget see each other's video; a token without CALLS is refused with the API's code.
 */
import type { Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { gql, type TestUser } from '../api/src/test/client.js';
import { callContext, fakeMediaFlags, newUser, remoteFrames, waitFor } from '../bench/lib/call/pages.js';
// @ts-expect-error -- a plain JavaScript example, no types of its own
import { serveWidget } from '../examples/call-widget/serve.mjs';
import { useBrowserSuite } from './lib/suite.js';

const suite = useBrowserSuite({ livekit: true, chromiumArgs: fakeMediaFlags(15) });
let widgetServer: Server | undefined;
afterAll(() => widgetServer?.close());

async function accessToken(user: TestUser, scopes: string[]): Promise<string> {
  const res = await gql<{ createAccessToken: { token: string | null; userErrors: unknown[] } }>(
    suite.stack,
    'mutation($i: CreateAccessTokenInput!) { createAccessToken(input: $i) { token userErrors { code message } } }',
    { i: { name: `widget ${scopes.join('+')}`, scopes } },
    { token: user.token },
  );
  expect(res.data?.createAccessToken.userErrors).toEqual([]);
  return res.data!.createAccessToken.token!;
}

/** Frames each widget tile has presented, by participant identity. */
const widgetFrames = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('#stage figure')].map((figure) => [
        figure.dataset.participant ?? '',
        figure.querySelector('video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0,
      ]),
    ),
  );

async function openWidget(widgetUrl: string, token: string, roomId: string): Promise<Page> {
  const page = await (await callContext(suite.browser, widgetUrl)).newPage();
  await page.goto('/');
  await page.getByLabel('API address').fill(suite.stack.baseUrl);
  await page.getByLabel('Access token').fill(token);
  await page.getByLabel('Room id').fill(roomId);
  await page.getByRole('button', { name: 'Join' }).click();
  return page;
}

describe('examples/call-widget', () => {
  it('joins a room with a CALLS token and shows the call both ways; a READ token is refused', async () => {
    const [owner, integrator] = [await newUser(suite.stack, 'Sora Owner'), await newUser(suite.stack, 'Widget Bot')];
    const created = await gql<{ createRoom: { room: { id: string } } }>(
      suite.stack,
      'mutation($i: CreateRoomInput!) { createRoom(input: $i) { room { id } userErrors { message } } }',
      { i: { title: 'Open classroom' } },
      { token: owner.token },
    );
    const roomId = created.data!.createRoom.room.id;
    const widget = (await serveWidget(0)) as { url: string; server: Server };
    widgetServer = widget.server;

    // Sora is in the room in the app, camera on.
    const app = await suite.signedIn(owner, { context: (browser, baseUrl, locale) => callContext(browser, baseUrl, { locale }) });
    await app.page.goto(`/call/${roomId}`);
    await app.page.getByTestId('call-live').waitFor();

    // A READ-only token may not join: the widget says why.
    const refused = await openWidget(widget.url, await accessToken(integrator, ['READ']), roomId);
    await refused.getByRole('status').filter({ hasText: 'FORBIDDEN' }).waitFor();
    expect(await refused.locator('#stage figure').count()).toBe(0);

    // With CALLS it joins: the widget plays Sora's video, and Sora's page plays the widget's camera.
    const page = await openWidget(widget.url, await accessToken(integrator, ['CALLS']), roomId);
    await page.getByRole('status').filter({ hasText: 'In “Open classroom”' }).waitFor();
    await waitFor(
      'the widget plays Sora’s video',
      () => widgetFrames(page),
      (f) => Object.values(f).some((n) => n > 10),
      30_000,
    );
    expect(await page.locator('#stage figcaption').allTextContents()).toEqual(['Sora Owner']);
    await waitFor(
      'Sora plays the widget’s camera',
      () => remoteFrames(app.page),
      (f) => Object.values(f).some((n) => n > 10),
      30_000,
    );

    // Leaving empties the widget's stage and Sora's page drops the tile.
    await page.getByRole('button', { name: 'Leave' }).click();
    await page.getByRole('status').filter({ hasText: 'Disconnected' }).waitFor();
    await app.page.locator('[data-testid=call-tile][data-local=false]').waitFor({ state: 'detached' });
    expect(app.errors).toEqual([]);
  });
});

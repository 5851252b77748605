/**
 * A call screenshot worth posting, end to end (real API, LiveKit, the built client, Chromium with fake cameras):
 * Alice screenshots a 1:1 call with Bob → the stored picture is the two camera frames at full size (≥ 1280 px wide),
 * with no name labels → "Post" from her album opens the editor with "Call with Bob Park" and Bob tagged at his
 * frame → the published post carries that photo tag.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { gql, type TestUser } from '../api/src/test/client.js';
import { assertRemoteVideoPlaying, befriend, callContext, fakeMediaFlags, newUser, subscriptionSent } from '../bench/lib/call/pages.js';
import { connectCall } from './lib/call.js';
import { useBrowserSuite } from './lib/suite.js';

const suite = useBrowserSuite({ chromiumArgs: fakeMediaFlags(15), livekit: true });

const signedIn = (user: TestUser) =>
  suite.signedIn(user, {
    context: (browser, baseUrl, locale) => callContext(browser, baseUrl, { locale, width: 1280, height: 800 }),
    ready: (page) => subscriptionSent(page, 'IncomingCall'),
  });

/** Mean luminance of a region of an RGB image (0–255). */
async function meanLuma(image: Buffer, region: { left: number; top: number; width: number; height: number }): Promise<number> {
  const { channels } = await sharp(image).extract(region).stats();
  return 0.299 * channels[0].mean + 0.587 * channels[1].mean + 0.114 * channels[2].mean;
}

describe('call screenshots', () => {
  it('are the cameras at full size without labels, and become a post titled "Call with …" with the other person tagged', async () => {
    const { stack } = suite;
    const [alice, bob] = [await newUser(stack, 'Alice Kim'), await newUser(stack, 'Bob Park')];
    await befriend(stack, alice, bob);
    const a = await signedIn(alice);
    const b = await signedIn(bob);
    await connectCall(a.page, b.page, bob);
    await assertRemoteVideoPlaying(a.page, 1);
    const tileWidth = await a.page.locator('[data-call-tile][data-local=false] video').evaluate((v: HTMLVideoElement) => v.videoWidth);
    console.log(`[call-screenshot] Bob's tile receives ${tileWidth} px wide frames`);

    await a.page.getByTestId('take-screenshot').click();
    await a.page.getByTestId('call-toast').filter({ hasText: 'Screenshot saved' }).waitFor({ timeout: 30_000 });
    const album = await gql(
      stack,
      'query { screenshots(first: 5) { nodes { id url width height screenshotPeople { userId x y } } } }',
      {},
      { token: alice.token },
    );
    const [shot] = album.data.screenshots.nodes;
    console.log(`[call-screenshot] ${shot.width}×${shot.height}, people ${JSON.stringify(shot.screenshotPeople)}`);
    expect(shot.width).toBeGreaterThanOrEqual(1280);

    // Who is where: Alice (her own tile, first) on the left, Bob on the right, each at the upper middle of a frame
    // (the fake camera shows no face, so the frame's own point is used).
    const people = Object.fromEntries(shot.screenshotPeople.map((p: { userId: string; x: number; y: number }) => [p.userId, p]));
    expect(Object.keys(people).sort()).toEqual([alice.id, bob.id].sort());
    expect(people[alice.id].x).toBeCloseTo(0.25, 1);
    expect(people[bob.id].x).toBeCloseTo(0.75, 1);
    expect(people[bob.id].y).toBeGreaterThan(0.2);
    expect(people[bob.id].y).toBeLessThan(0.6);

    // No labels: where the tiles show a name (a dark pill at the bottom left of each frame), the picture is as bright
    // as the camera picture just above it; and each frame's camera picture reaches the picture's edges (no page around).
    const image = Buffer.from(await (await fetch(new URL(shot.url, stack.baseUrl))).arrayBuffer());
    if (process.env.E2E_SHOT_OUT) await sharp(image).toFile(process.env.E2E_SHOT_OUT);
    const { width, height } = await sharp(image).metadata();
    const half = Math.floor(width! / 2);
    for (const left of [0, half]) {
      const label = {
        left: left + Math.round(half * 0.02),
        top: Math.round(height! * 0.86),
        width: Math.round(half * 0.3),
        height: Math.round(height! * 0.1),
      };
      const above = { ...label, top: Math.round(height! * 0.7) };
      const [labelLuma, aboveLuma] = [await meanLuma(image, label), await meanLuma(image, above)];
      console.log(`[call-screenshot] frame at x=${left}: label region luma ${labelLuma.toFixed(1)}, above ${aboveLuma.toFixed(1)}`);
      expect(Math.abs(labelLuma - aboveLuma)).toBeLessThan(20);
      expect(await meanLuma(image, { left: left + 2, top: 0, width: 4, height: height! })).toBeGreaterThan(40);
    }

    // Post it from the album: the editor suggests the title and tags Bob near his frame's centre.
    await a.page.goto('/album');
    await a.page.getByTestId('album-post').first().click();
    await a.page.waitForURL((url) => url.pathname === '/new');
    await expect.poll(() => a.page.locator('#title').inputValue()).toBe('Call with Bob Park');
    const tag = a.page.getByTestId('draft-photo-tag');
    await tag.waitFor();
    expect(await tag.count()).toBe(1);
    expect(await tag.textContent()).toContain('Bob Park');
    const [photo, label] = [await a.page.getByTestId('tag-photo').boundingBox(), await tag.boundingBox()];
    const tagX = (label!.x - photo!.x + label!.width * people[bob.id].x) / photo!.width; // the label is anchored at x
    expect(tagX).toBeCloseTo(0.75, 1);

    await a.page.getByTestId('post-form').getByRole('button', { name: 'Post', exact: true }).click();
    await a.page.waitForURL((url) => url.pathname.startsWith('/p/'));
    const postId = decodeURIComponent(new URL(a.page.url()).pathname.split('/')[2]);
    const post = await gql(
      stack,
      'query($id: ID!) { post(id: $id) { title photoTags { user { id } x y } } }',
      { id: postId },
      { token: alice.token },
    );
    expect(post.data.post.title).toBe('Call with Bob Park');
    expect(post.data.post.photoTags).toEqual([{ user: { id: bob.id }, x: people[bob.id].x, y: people[bob.id].y }]);

    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});

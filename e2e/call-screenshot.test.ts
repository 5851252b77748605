/**
 * A call screenshot worth posting, end to end (real API, LiveKit, the built client, Chromium with fake cameras):
 * Alice screenshots a 1:1 call with Bob → the stored picture is the two camera frames at full size (≥ 1280 px wide),
 * with no name labels → "Post" from her album opens the editor with "Call with Bob Park" and Bob tagged at his
 * frame → the published post carries that photo tag.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { gql, type TestUser } from '../api/src/test/client.js';
import { assertRemoteVideoPlaying, befriend, callContext, fakeMediaFlags, newUser, subscriptionSent } from '../bench/lib/call/pages.js';
import { launchChromium } from './lib/browser.js';
import { connectCall, openAs } from './lib/call.js';
import { photoOnWhiteFrameToY4m } from './lib/y4m.js';
import { useBrowserSuite } from './lib/suite.js';

const WORK_DIR = join(import.meta.dirname, '../.tmp/e2e-call-screenshot');
const FACES = process.env.FACES_DIR ?? join(import.meta.dirname, '../../shared/faces');

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

/** Edge strength of a region (mean squared horizontal step between neighbouring pixels, grey). */
async function sharpness(image: Buffer, region: { left: number; top: number; width: number; height: number }): Promise<number> {
  const { data, info } = await sharp(image).extract(region).greyscale().raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let y = 0; y < info.height; y++)
    for (let x = 1; x < info.width; x++) sum += (data[y * info.width + x] - data[y * info.width + x - 1]) ** 2;
  return sum / (info.height * (info.width - 1));
}

/** The image with `region` passed through `width` pixels wide and back: what a frame that small, scaled up, looks like. */
async function throughWidth(image: Buffer, region: { left: number; top: number; width: number; height: number }, width: number) {
  const small = await sharp(image).extract(region).resize(width).toBuffer();
  const back = await sharp(small).resize(region.width, region.height).toBuffer();
  return sharp(image)
    .composite([{ input: back, left: region.left, top: region.top }])
    .jpeg({ quality: 90 })
    .toBuffer();
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

    // Bob's frame comes from a bigger layer than the one his small tile was receiving: the fake camera's clock text in
    // it has clearly sharper edges than the same frame passed through the tile's width.
    const bobFrame = { left: half + 8, top: 0, width: half - 16, height: height! };
    const clock = {
      left: bobFrame.left + Math.round(half * 0.05),
      top: Math.round(height! * 0.03),
      width: Math.round(half * 0.3),
      height: Math.round(height! * 0.08),
    };
    const [taken, asTile] = [await sharpness(image, clock), await sharpness(await throughWidth(image, bobFrame, tileWidth), clock)];
    console.log(`[call-screenshot] Bob's clock text edges: ${taken.toFixed(0)}; through ${tileWidth} px: ${asTile.toFixed(0)}`);
    if (tileWidth < 600) expect(taken).toBeGreaterThan(asTile * 1.6);

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

  it('find the faces: each person is placed at the face in their frame, not at the frame’s middle', async () => {
    // A camera picture with the face off-centre: the photo on the left of a white 16:9 frame, its face ~0.35 across.
    const camera = await photoOnWhiteFrameToY4m(
      join(FACES, 'neutral/faceapi_neutral.jpg'),
      WORK_DIR,
      'face-left',
      { size: { width: 900 }, left: 0, top: 150 },
      { width: 960, height: 540 },
    );
    const browser = await launchChromium([...fakeMediaFlags(15), `--use-file-for-fake-video-capture=${camera}`]);
    try {
      const { stack } = suite;
      const [alice, bob] = [await newUser(stack, 'Alice Face'), await newUser(stack, 'Bob Face')];
      await befriend(stack, alice, bob);
      const a = await openAs(browser, stack.baseUrl, alice);
      const b = await openAs(browser, stack.baseUrl, bob);
      await connectCall(a.page, b.page, bob);
      await assertRemoteVideoPlaying(a.page, 1);
      await a.page.getByTestId('take-screenshot').click();
      await a.page.getByTestId('call-toast').filter({ hasText: 'Screenshot saved' }).waitFor({ timeout: 30_000 });
      const album = await gql(
        stack,
        'query { screenshots(first: 1) { nodes { screenshotPeople { userId x y } } } }',
        {},
        { token: alice.token },
      );
      const people = Object.fromEntries(
        album.data.screenshots.nodes[0].screenshotPeople.map((p: { userId: string; x: number; y: number }) => [p.userId, p]),
      );
      console.log(`[call-screenshot] faces: ${JSON.stringify(people)}`);
      // The same camera in both frames: the face ~0.35 across each frame (the middle would be 0.25 / 0.75), ~0.5 down.
      expect(people[alice.id].x).toBeCloseTo(0.175, 1);
      expect(people[bob.id].x).toBeCloseTo(0.675, 1);
      expect(Math.abs(people[bob.id].x - 0.75)).toBeGreaterThan(0.04);
      expect(Math.abs(people[bob.id].x - 0.5 - people[alice.id].x)).toBeLessThan(0.02);
      expect(Math.abs(people[bob.id].y - people[alice.id].y)).toBeLessThan(0.03);
      expect(a.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { jpeg, mediaRows, upload } from './media.testkit.js';

let stack: TestStack;
let alice: TestUser;
const storedFiles = () => (existsSync(join(stack.config.dataDir, 'media')) ? readdirSync(join(stack.config.dataDir, 'media')) : []);

beforeAll(async () => {
  stack = await startTestStack();
  alice = await signUp(stack);
});
afterAll(async () => {
  await stack?.stop();
});

/** The error code `POST /media` answers with each refusal status. */
const CODE_OF: Record<number, string> = {
  400: 'INVALID',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA',
};

/** A refused upload answers `status` with a JSON `{ message, code, field }` and stores nothing. */
async function expectRefused(
  file: Buffer | null,
  status: number | number[],
  fields: Record<string, string> = {},
  name = 'x.jpg',
  type = 'image/jpeg',
) {
  const [rows, files] = [await mediaRows(stack), storedFiles().length];
  const res = await upload(stack, alice.token, file, fields, name, type);
  expect([status].flat()).toContain(res.status);
  expect(typeof res.body.message).toBe('string');
  expect(res.body.code).toBe(CODE_OF[res.status]);
  expect(res.body.field === null || Array.isArray(res.body.field)).toBe(true);
  expect(await mediaRows(stack)).toBe(rows);
  expect(storedFiles().length).toBe(files);
  return res;
}

describe('POST /media', () => {
  it('stores a JPEG re-encoded, oriented, sized, with a blurhash and without any metadata (GPS included)', async () => {
    const original = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 10, g: 120, b: 200 } } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'PP Camera' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 33/1 59/1', GPSLongitudeRef: 'E', GPSLongitude: '126/1 58/1 41/1' },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const before = await sharp(original).metadata();
    expect(before.exif?.includes(Buffer.from('PP Camera'))).toBe(true);
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // the GPS IFD pointer (tag 0x8825, little-endian)
    expect(before.orientation).toBe(6);

    const res = await upload(stack, alice.token, original, { altText: '서울 하늘' }, 'sky.txt', 'text/plain');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'UPLOAD', altText: '서울 하늘', width: 1365, height: 2048 });
    expect(res.body.blurhash).toMatch(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{20,}$/);
    expect(res.body.url).toMatch(/\/media\/[0-9a-f-]{36}\.webp$/);

    for (const [url, longest] of [
      [res.body.url, 2048],
      [res.body.thumbnailUrl, 480],
    ] as const) {
      const served = await fetch(url);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/webp');
      expect(served.headers.get('cache-control')).toContain('immutable');
      const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
      expect(meta.format).toBe('webp');
      expect(Math.max(meta.width!, meta.height!)).toBe(longest);
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
    }
    const node = await gql(
      stack,
      `query($id: ID!) { node(id: $id) { ... on Media { id kind url thumbnailUrl width height owner { id } } } }`,
      { id: res.body.id },
      { token: alice.token },
    );
    expect(node.data.node).toMatchObject({ id: res.body.id, url: res.body.url, owner: { id: alice.id } });
    // Not attached to a post nor an avatar yet: nobody else reaches it by its id.
    const anonymous = await gql(stack, `query($id: ID!) { node(id: $id) { id } }`, { id: res.body.id });
    expect(anonymous.data.node).toBeNull();
  });

  it('accepts PNG, WebP and GIF (first frame) by content', async () => {
    const base = sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 255, b: 0, alpha: 0.5 } } });
    for (const file of [await base.clone().png().toBuffer(), await base.clone().webp().toBuffer(), await base.clone().gif().toBuffer()]) {
      const res = await upload(stack, alice.token, file, {}, 'no-extension', 'application/octet-stream');
      expect(res.status).toBe(201);
      expect([res.body.width, res.body.height]).toEqual([40, 30]);
    }
  });

  it('refuses what is not a supported image, whatever its name or declared type', async () => {
    await expectRefused(Buffer.from('just some text, honestly\n'.repeat(20)), 415, {}, 'photo.jpg', 'image/jpeg');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    await expectRefused(svg, 415, {}, 'x.svg', 'image/svg+xml');
    await expectRefused(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
        .tiff()
        .toBuffer(),
      415,
    );
    const whole = await jpeg(800, 600);
    await expectRefused(whole.subarray(0, Math.floor(whole.length / 2)), [400, 415]);
    await expectRefused(whole.subarray(0, 40), [400, 415]);
  });

  it('refuses more than 40 megapixels before decoding', async () => {
    const huge = await sharp({ create: { width: 10_000, height: 5_000, channels: 3, background: '#123456' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(huge.length).toBeLessThan(15 * 1024 * 1024);
    await expectRefused(huge, [413, 415], {}, 'huge.png', 'image/png');
  });

  it('refuses a body over 15 MB with 413, declared or streamed', async () => {
    const big = Buffer.alloc(16 * 1024 * 1024, 0xab);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    await expectRefused(big, 413);

    // Chunked (no Content-Length): the limit is enforced while busboy streams the part.
    const boundary = 'ppboundary';
    const head = Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`,
    );
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head);
        if (sent >= 200) return controller.close();
        sent++;
        controller.enqueue(new Uint8Array(512 * 1024));
      },
    });
    const rows = await mediaRows(stack);
    const res = await fetch(`${stack.baseUrl}/media`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    } as RequestInit).catch((error: Error) => ({ status: -1, error }));
    expect(res.status, String((res as { error?: Error }).error?.cause ?? '')).toBe(413);
    expect(await (res as Response).json()).toMatchObject({ code: 'TOO_LARGE' });
    expect(sent).toBeLessThan(80);
    expect(await mediaRows(stack)).toBe(rows);
  });

  it('answers 401 without a valid token, 400/415 for a form without a file or not multipart', async () => {
    const res = await upload(stack, null, await jpeg());
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: expect.any(String), code: 'UNAUTHENTICATED', field: null });
    const forged = await upload(stack, 'forged.token.here', await jpeg());
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('UNAUTHENTICATED');
    expect((await expectRefused(null, 400, { altText: 'nothing attached' })).body.field).toEqual(['file']);
    expect((await expectRefused(await jpeg(), 400, { kind: 'BANNER' })).body.field).toEqual(['kind']);
    const json = await fetch(`${stack.baseUrl}/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA', field: null });
    expect((await fetch(`${stack.baseUrl}/media/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await fetch(`${stack.baseUrl}/media/00000000-0000-0000-0000-000000000000.webp`)).status).toBe(404);
  });
});

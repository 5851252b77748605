import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, type TestUser } from '../test/client.js';
import { startTestStack, type TestStack } from '../test/stack.js';
import { jpeg, upload } from '../features/media/media.testkit.js';

/**
 * Image bombs and upload volume (hardening issue, "Images" and "no limits"): sizes are refused from the
 * header before anything is decoded, images are decoded in a small pool of worker threads with a time
 * budget, the queue in front of it is bounded, and each user has a storage quota.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A real, valid grayscale PNG of `width` × `height` black pixels, built by hand (small on disk: zeros deflate well). */
function blackPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const raw = Buffer.alloc((width + 1) * height); // filter byte 0 + pixels, every row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ME = `{ me { id } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken userErrors { code } } }`;
const PASSWORD = 'correct horse battery';

async function mediaRowsOf(stack: TestStack, ownerId?: string): Promise<number> {
  const conn = stack.orm.em.fork().getConnection();
  const [row] = ownerId
    ? await conn.execute(`select count(*)::int as n from media where owner_id = (select id from users where username = ?)`, [ownerId])
    : await conn.execute('select count(*)::int as n from media');
  return row.n;
}
const storedFiles = (stack: TestStack) =>
  existsSync(join(stack.config.dataDir, 'media')) ? readdirSync(join(stack.config.dataDir, 'media')).length : 0;

let heavy: Buffer;
beforeAll(() => {
  // 36 megapixels: within every limit, so it is really decoded and resized (about a second of work).
  heavy = blackPng(6000, 6000);
});

describe('image bombs', () => {
  let stack: TestStack;
  let alice: TestUser;
  beforeAll(async () => {
    stack = await startTestStack({ MEDIA_WORKERS: '1', MEDIA_QUEUE: '8' });
    alice = await signUp(stack, { password: PASSWORD });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a 1 × 39,000,000 px PNG from its header (413 TOO_LARGE), without decoding it', async () => {
    const tall = blackPng(1, 39_000_000);
    expect(tall.length).toBeLessThan(1024 * 1024);
    const [rows, files] = [await mediaRowsOf(stack), storedFiles(stack)];
    const res = await upload(stack, alice.token, tall, {}, 'tall.png', 'image/png');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'TOO_LARGE', field: ['file'] });
    expect(res.body.message).toMatch(/12,?000 pixels/);
    expect(await mediaRowsOf(stack)).toBe(rows);
    expect(storedFiles(stack)).toBe(files);
  });

  it('refuses an image wider than 20:1 (400 INVALID), and one with a side over 12,000 px', async () => {
    const wide = await sharp({ create: { width: 4200, height: 200, channels: 3, background: '#345678' } })
      .png()
      .toBuffer();
    const res = await upload(stack, alice.token, wide, {}, 'wide.png', 'image/png');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID', field: ['file'] });
    expect(res.body.message).toMatch(/20:1/);

    const long = await upload(stack, alice.token, blackPng(13_000, 1_000), {}, 'long.png', 'image/png');
    expect(long.status).toBe(413);
    expect(long.body).toMatchObject({ code: 'TOO_LARGE', field: ['file'] });
  });

  it('four 1 × 39,000,000 px PNGs at once: all refused, and sign-in and `me` answer meanwhile', async () => {
    const tall = blackPng(1, 39_000_000);
    const started = stack.app.services.media.images.started;
    const uploads = [1, 2, 3, 4].map(() => upload(stack, alice.token, tall, {}, 'tall.png', 'image/png'));
    const [loginRes, meRes] = await Promise.all([
      gql(stack, LOGIN, { input: { login: alice.username, password: PASSWORD } }),
      gql(stack, ME, {}, { token: alice.token }),
    ]);
    expect(loginRes.data.login.accessToken).toBeTruthy();
    expect(meRes.data.me.id).toBe(alice.id);
    for (const res of await Promise.all(uploads)) expect(res.body).toMatchObject({ code: 'TOO_LARGE', field: ['file'] });
    // Refused from the header: not one of them reached a decoding worker.
    expect(stack.app.services.media.images.started).toBe(started);
  }, 120_000);

  it('keeps answering sign-in and `me` while four heavy images are being processed', async () => {
    const done: string[] = [];
    const numbers = [1, 2, 3, 4];
    const uploads = numbers.map((n) =>
      upload(stack, alice.token, heavy, {}, `heavy${n}.png`, 'image/png').then((res) => {
        done.push(`upload${n}`);
        return res;
      }),
    );
    // Sent once every upload is in (the server has read them), so they compete with the images' work.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const login = gql(stack, LOGIN, { input: { login: alice.username, password: PASSWORD } }).then((res) => {
      done.push('login');
      return res;
    });
    const me = gql(stack, ME, {}, { token: alice.token }).then((res) => {
      done.push('me');
      return res;
    });
    const [loginRes, meRes] = await Promise.all([login, me]);
    expect(loginRes.data.login.accessToken).toBeTruthy();
    expect(meRes.data.me.id).toBe(alice.id);
    const results = await Promise.all(uploads);
    for (const res of results) expect(res.status).toBe(201);
    // Both answered before the last upload did.
    const lastUpload = Math.max(...numbers.map((n) => done.indexOf(`upload${n}`)));
    expect(done.indexOf('login')).toBeLessThan(lastUpload);
    expect(done.indexOf('me')).toBeLessThan(lastUpload);
  }, 120_000);

  it('still stores ordinary images as before', async () => {
    const res = await upload(stack, alice.token, await jpeg(640, 480));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ width: 640, height: 480 });
  });
});

describe('bounded image queue and time budget', () => {
  let busy: TestStack;
  let slow: TestStack;
  let bob: TestUser;
  let carol: TestUser;
  beforeAll(async () => {
    [busy, slow] = await Promise.all([
      startTestStack({ MEDIA_WORKERS: '1', MEDIA_QUEUE: '1' }),
      startTestStack({ MEDIA_WORKERS: '1', MEDIA_IMAGE_TIMEOUT_MS: '100' }),
    ]);
    [bob, carol] = await Promise.all([signUp(busy), signUp(slow)]);
  });
  afterAll(async () => {
    await Promise.all([busy?.stop(), slow?.stop()]);
  });

  it('answers 503 UNAVAILABLE with Retry-After when the image queue is full, storing nothing for it', async () => {
    const rows = await mediaRowsOf(busy);
    const results = await Promise.all(
      [1, 2, 3, 4].map(async (n) => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(heavy)], { type: 'image/png' }), `h${n}.png`);
        const res = await fetch(`${busy.baseUrl}/media`, { method: 'POST', headers: { authorization: `Bearer ${bob.token}` }, body: form });
        return {
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          body: (await res.json()) as { code?: string; message?: string },
        };
      }),
    );
    const refused = results.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) {
      expect(r.body).toMatchObject({ code: 'UNAVAILABLE' });
      expect(r.body.message).toMatch(/busy/i);
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    const stored = results.filter((r) => r.status === 201).length;
    expect(stored + refused.length).toBe(4);
    expect(await mediaRowsOf(busy)).toBe(rows + stored);
  }, 120_000);

  it('refuses an image that overruns its time budget, and the next image is processed', async () => {
    const rows = await mediaRowsOf(slow);
    const res = await upload(slow, carol.token, heavy, {}, 'heavy.png', 'image/png');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'TOO_LARGE', field: ['file'] });
    expect(res.body.message).toMatch(/took too long/i);
    expect(await mediaRowsOf(slow)).toBe(rows);
    // A replacement worker takes the next job.
    const small = await upload(slow, carol.token, await jpeg(8, 8));
    expect([201, 413]).toContain(small.status);
  }, 60_000);
});

describe('storage quota', () => {
  let stack: TestStack;
  let dave: TestUser;
  let erin: TestUser;
  beforeAll(async () => {
    stack = await startTestStack({ MEDIA_QUOTA_BYTES: '20000' });
    [dave, erin] = await Promise.all([signUp(stack), signUp(stack)]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses an upload over the user’s quota with QUOTA_EXCEEDED, storing nothing; others are unaffected', async () => {
    // Noise does not compress: each WebP is several kilobytes.
    const noisy = async (seed: number) =>
      sharp(Buffer.from(Array.from({ length: 200 * 200 * 3 }, (_, i) => (i * 7919 * seed + (i >> 3) * 104729) % 251)), {
        raw: { width: 200, height: 200, channels: 3 },
      })
        .png()
        .toBuffer();
    let refused: Awaited<ReturnType<typeof upload>> | null = null;
    let refusedFile: Buffer = Buffer.alloc(0);
    for (let n = 1; n <= 20 && !refused; n++) {
      refusedFile = await noisy(n);
      const res = await upload(stack, dave.token, refusedFile, {}, `n${n}.png`, 'image/png');
      if (res.status !== 201) refused = res;
    }
    expect(refused).not.toBeNull();
    expect(refused!.status).toBe(413);
    expect(refused!.body).toMatchObject({ code: 'QUOTA_EXCEEDED', field: ['file'] });
    const [rows, files] = [await mediaRowsOf(stack, dave.username), storedFiles(stack)];
    const again = await upload(stack, dave.token, refusedFile, {}, 'again.png', 'image/png');
    expect(again.body.code).toBe('QUOTA_EXCEEDED');
    expect(await mediaRowsOf(stack, dave.username)).toBe(rows);
    expect(storedFiles(stack)).toBe(files);
    expect((await upload(stack, erin.token, await jpeg())).status).toBe(201);
  }, 60_000);
});

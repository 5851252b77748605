import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { S3MediaStorage } from './media.storage.js';
import { jpeg, upload } from './media.testkit.js';

/** A minimal S3-compatible server (path-style PUT/GET of objects) on loopback. */
function fakeS3(): Promise<{ url: string; objects: Map<string, { body: Buffer; type: string }>; server: Server }> {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const server = createServer((req, res) => {
    const key = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method === 'PUT') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        objects.set(key, { body: Buffer.concat(chunks), type: String(req.headers['content-type'] ?? '') });
        res.writeHead(200, { etag: '"x"' }).end();
      });
      return;
    }
    const found = objects.get(key);
    if (!found) {
      res
        .writeHead(404, { 'content-type': 'application/xml' })
        .end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>none</Message></Error>');
      return;
    }
    res.writeHead(200, { 'content-type': found.type, 'content-length': String(found.body.length) }).end(found.body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, objects, server }),
    ),
  );
}

describe('S3 media storage', () => {
  let s3: Awaited<ReturnType<typeof fakeS3>>;
  let stack: TestStack;
  beforeAll(async () => {
    s3 = await fakeS3();
    stack = await startTestStack({
      MEDIA_STORAGE: 's3',
      S3_BUCKET: 'pp-media',
      S3_ENDPOINT: s3.url,
      S3_ACCESS_KEY_ID: 'test',
      S3_SECRET_ACCESS_KEY: 'test-secret',
    });
  });
  afterAll(async () => {
    await stack?.stop();
    s3?.server.close();
  });

  it('puts and gets objects under media/ and answers null for a missing key', async () => {
    const storage = new S3MediaStorage({
      bucket: 'pp-media',
      region: 'us-east-1',
      endpoint: s3.url,
      accessKeyId: 'a',
      secretAccessKey: 'b',
    });
    await storage.put('k.webp', Buffer.from('hello'), 'image/webp');
    expect(s3.objects.get('/pp-media/media/k.webp')?.body.toString()).toBe('hello');
    const got = await storage.get('k.webp');
    const chunks: Buffer[] = [];
    for await (const chunk of got!.body) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString()).toBe('hello');
    expect(await storage.get('missing.webp')).toBeNull();
    expect(storage.directUrl('k.webp')).toBeNull();
    const direct = new S3MediaStorage({ bucket: 'b', region: 'us-east-1', publicUrl: 'https://cdn.example.com/' });
    expect(direct.directUrl('k.webp')).toBe('https://cdn.example.com/media/k.webp');
  });

  it('stores uploads in the bucket and serves them through GET /media', async () => {
    const user = await signUp(stack);
    const res = await upload(stack, user.token, await jpeg(300, 200));
    expect(res.status).toBe(201);
    const key = new URL(res.body.url).pathname.split('/').pop()!;
    expect(s3.objects.has(`/pp-media/media/${key}`)).toBe(true);
    const served = await fetch(res.body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toContain('immutable');
    expect(Buffer.from(await served.arrayBuffer()).equals(s3.objects.get(`/pp-media/media/${key}`)!.body)).toBe(true);
  });
});

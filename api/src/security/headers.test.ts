import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../http/security-headers.js';
import { startTestStack, type TestStack } from '../test/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ LIVEKIT_URL: 'wss://livekit.example.com:7443' });
});
afterAll(() => stack?.stop());

describe('security headers (clickjacking, CSP)', () => {
  it('app pages, GraphiQL and API answers forbid framing and carry a strict Content-Security-Policy', async () => {
    const pages = [
      ['/', 'text/html'],
      ['/sign-up', 'text/html'],
      ['/graphql', 'text/html'],
      ['/graphiql/boot.js', '*/*'],
      ['/healthz', 'application/json'],
    ];
    for (const [path, accept] of pages) {
      const res = await fetch(`${stack.baseUrl}${path}`, { headers: { accept } });
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      // No inline or eval'd script anywhere; wasm compilation only (MediaPipe).
      expect(csp, path).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
      // LiveKit's configured URL (WebSocket and its HTTP validate endpoint), nothing else off-site.
      expect(csp, path).toContain("connect-src 'self' https://livekit.example.com:7443 wss://livekit.example.com:7443;");
    }
  });

  it('GraphiQL has no inline script (its start-up is /graphiql/boot.js)', async () => {
    const html = await (await fetch(`${stack.baseUrl}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('<script src="/graphiql/boot.js"></script>');
    expect(html).not.toMatch(/<script>/);
    const boot = await fetch(`${stack.baseUrl}/graphiql/boot.js`);
    expect(boot.headers.get('content-type')).toMatch(/javascript/);
    expect(await boot.text()).toContain('GraphiQL.createFetcher');
  });

  it('an S3 public URL is allowed for images only', () => {
    const csp = contentSecurityPolicy({
      livekit: null,
      media: { storage: 's3', s3: { bucket: 'b', region: 'r', publicUrl: 'https://cdn.example.com/x' } },
    });
    expect(csp).toContain("img-src 'self' data: blob: https://cdn.example.com;");
    expect(csp).toContain("connect-src 'self';");
  });
});

describe('cross-origin access for integrations', () => {
  const origin = 'https://school.example';

  it('lets any site call /graphql and POST /media with a Bearer header (preflight answered), never with cookies', async () => {
    for (const path of ['/graphql', '/media']) {
      const preflight = await fetch(`${stack.baseUrl}${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(preflight.status, path).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers'), path).toMatch(/Authorization/);
      expect(preflight.headers.get('access-control-allow-credentials'), path).toBeNull();
    }
    const res = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('app pages stay same-origin only', async () => {
    const res = await fetch(`${stack.baseUrl}/`, { headers: { origin, accept: 'text/html' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

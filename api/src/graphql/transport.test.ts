import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, settle, signUp, subscribe, wsClient } from '../test/client.js';
import { startTestStack, type TestStack } from '../test/stack.js';
import { TokenSigner } from '../lib/tokens.js';
import { MAX_DEPTH } from './validation.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function expiredTokenFor(userId: string): Promise<string> {
  const [session] = await stack.orm.em.fork().getConnection().execute('select id from sessions where user_id = ? limit 1', [userId]);
  const signer = new TokenSigner(stack.config.jwtSecret);
  return (await signer.sign({ userId, sessionId: session.id }, Date.now() - 16 * 60_000)).token;
}

/** A valid query nested past MAX_DEPTH (introspection's ofType chain nests as deep as one likes). */
const DEEP_QUERY = `{ __schema { types { fields { type { ${'ofType { '.repeat(MAX_DEPTH)}name${' }'.repeat(MAX_DEPTH)} } } } } }`;

const rawId = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1];

describe('HTTP transport', () => {
  it('answers a malformed JSON body with 400 and a JSON message', async () => {
    const res = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ me { id }',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ message: 'The request body is not valid JSON.' });
  });

  it('refuses an expired access token with 401 UNAUTHENTICATED', async () => {
    const user = await signUp(stack);
    const res = await gql(stack, '{ me { id } }', {}, { token: await expiredTokenFor(rawId(user.id)) });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(res.errors?.[0].message).toMatch(/expired/);
  });

  it('rejects a query nested deeper than the limit, without running it', async () => {
    const res = await gql(stack, DEEP_QUERY);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');
  });

  it('rejects a query over the cost limit', async () => {
    const costly =
      '{ a: searchUsers(query: "a", first: 100) { nodes { id } } b: notifications(first: 100) { nodes { id } } ' +
      Array.from({ length: 90 }, (_, i) => `s${i}: searchUsers(query: "x", first: 100) { nodes { id username displayName } }`).join(' ') +
      ' }';
    const res = await gql(stack, costly);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
  });

  it('caps `first` at 100 and rejects an unknown cursor with BAD_USER_INPUT', async () => {
    const bad = await gql(stack, '{ searchUsers(query: "a", after: "not-a-cursor") { nodes { id } } }');
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const negative = await gql(stack, '{ searchUsers(query: "a", first: -1) { nodes { id } } }');
    expect(negative.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves GraphiQL to browsers at GET /graphql, from our own files', async () => {
    const page = await fetch(`${stack.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/https?:\/\//); // every asset is ours, so it works offline
    for (const asset of ['react.js', 'react-dom.js', 'graphiql.js', 'graphiql.css', 'graphql-ws.js']) {
      expect((await fetch(`${stack.baseUrl}/graphiql/${asset}`)).status).toBe(200);
    }
  });

  it('reports health and readiness as JSON', async () => {
    expect(await (await fetch(`${stack.baseUrl}/healthz`)).json()).toMatchObject({ status: 'ok' });
    const ready = await (await fetch(`${stack.baseUrl}/readyz`)).json();
    expect(ready.dependencies.database).toMatchObject({ ok: true, state: 'ok' });
  });
});

describe('WebSocket transport', () => {
  it('closes the socket with 4401 and a clear reason for an expired token', async () => {
    const user = await signUp(stack);
    const token = await expiredTokenFor(rawId(user.id));
    const event = await new Promise<{ code: number; reason: string }>((resolve) => {
      const client = wsClient(stack, token, { onClose: resolve });
      subscribe(client, 'subscription { notificationAdded { id } }');
    });
    expect(event.code).toBe(4401);
    expect(event.reason).toMatch(/expired/);
  });

  it('refuses a signed-out subscriber to notificationAdded with UNAUTHENTICATED', async () => {
    const client = wsClient(stack);
    const sub = subscribe(client, 'subscription { notificationAdded { id } }');
    const event = await sub.next(2000);
    expect(event.data ?? null).toBeNull();
    expect(event.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await client.dispose();
  });

  it('applies the same depth limit as HTTP', async () => {
    const user = await signUp(stack);
    const client = wsClient(stack, user.token);
    const ok = subscribe(client, 'subscription { notificationAdded { id actor { id username } } }');
    await settle();
    expect(ok.error).toBeNull();
    const sub = subscribe(client, DEEP_QUERY);
    await expect(sub.next(2000)).rejects.toThrow(/levels deep/);
    await client.dispose();
  });
});

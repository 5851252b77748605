import { Kind, parse } from 'graphql';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../graphql/schema.js';
import { limitsError } from '../graphql/validation.js';
import { gql, signUp, subscribe, wsClient, type GqlResponse } from '../test/client.js';
import { startTestStack, type TestStack } from '../test/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** `{ ...F<n> }` where each fragment spreads the previous one twice: 2^n selections once expanded, a tiny text. */
function fanOut(n: number): string {
  const fragments = ['fragment F0 on Query { __typename }'];
  for (let i = 1; i <= n; i++) fragments.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
  return `query { ...F${n} } ${fragments.join(' ')}`;
}

const aliased = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `c${i}: ${field}`).join(' ')} }`;

/** A refusal the client can show: a 4xx with a coded GraphQL error or a JSON message, never a 500. */
function expectRefused(res: GqlResponse, code?: string) {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.data ?? null).toBeNull();
  if (code) expect(res.errors?.[0].extensions?.code).toBe(code);
}

describe('document limits', () => {
  it('refuses a fragment fan-out over HTTP with QUERY_TOO_LARGE', async () => {
    const res = await gql(stack, fanOut(21));
    expectRefused(res, 'QUERY_TOO_LARGE');
    expect(res.errors?.[0].message).toMatch(/selections/);
  });

  it('refuses the same fan-out over graphql-ws', async () => {
    const client = wsClient(stack);
    const sub = subscribe(client, fanOut(21));
    await expect(sub.next(10_000)).rejects.toThrow(/selections/);
    await client.dispose();
  });

  it('refuses one field repeated many times in one place (quadratic for graphql-js validation)', async () => {
    const res = await gql(stack, `{ ${'me { id } '.repeat(1500)} }`);
    expectRefused(res, 'QUERY_TOO_LARGE');
    const inline = await gql(stack, `{ ${'... on Query { me { id } } '.repeat(500)} }`);
    expectRefused(inline, 'QUERY_TOO_LARGE');
    expect(inline.errors?.[0].message).toMatch(/one field 500 times/);
  });

  it('still answers a query using a few fragments', async () => {
    const res = await gql(stack, fanOut(3));
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ __typename: 'Query' });
  });

  it('caps the query text, the number of fragments and of aliases', async () => {
    const long = await gql(stack, `{ me { id } } # ${'x'.repeat(25_000)}`);
    expectRefused(long, 'QUERY_TOO_LARGE');
    expect(long.errors?.[0].message).toMatch(/characters/);

    const manyFragments = Array.from({ length: 60 }, (_, i) => `fragment G${i} on Query { __typename }`).join(' ');
    const fragments = await gql(stack, `{ ${Array.from({ length: 60 }, (_, i) => `...G${i}`).join(' ')} } ${manyFragments}`);
    expectRefused(fragments, 'QUERY_TOO_LARGE');
    expect(fragments.errors?.[0].message).toMatch(/fragments/);

    const aliases = await gql(stack, aliased(150, '__typename'));
    expectRefused(aliases, 'QUERY_TOO_LARGE');
    expect(aliases.errors?.[0].message).toMatch(/aliases/);
  });
});

describe('cost of fields that run their own query', () => {
  it('refuses 100 aliased `posts(first: 0) { totalCount }`', async () => {
    expectRefused(await gql(stack, aliased(100, 'posts(first: 0) { totalCount }')), 'QUERY_TOO_COSTLY');
  });

  it('refuses 100 aliased `searchUsers(first: 0) { totalCount }`', async () => {
    expectRefused(await gql(stack, aliased(100, 'searchUsers(query: "a", first: 0) { totalCount }')), 'QUERY_TOO_COSTLY');
  });

  it('refuses thousands of aliased counts before costing them', async () => {
    expectRefused(await gql(stack, aliased(5000, 'posts(first: 0) { totalCount }')));
  });

  it('still answers an ordinary page with its count', async () => {
    const res = await gql(stack, '{ posts(first: 20) { totalCount nodes { id title } } rooms(first: 20) { totalCount nodes { id } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.posts.totalCount).toBe(0);
  });
});

describe('our own client', () => {
  it('has every operation within the limits, even with pages of 100', async () => {
    const dir = join(import.meta.dirname, '../../../client/src');
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(5);
    const all = parse(files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n'));
    const fragments = all.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    const schema = await getSchema();
    const over: string[] = [];
    for (const def of all.definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION) continue;
      const document = { kind: Kind.DOCUMENT, definitions: [def, ...fragments] } as const;
      const name = def.name?.value ?? '?';
      const error = limitsError(schema, document, { first: 100 }, name);
      if (error) over.push(`${name}: ${error.message}`);
    }
    expect(over).toEqual([]);
  });
});

describe('responsiveness under attack', () => {
  it('answers `me` while the attacks are refused, none with a 500', async () => {
    const user = await signUp(stack);
    const order: string[] = [];
    const track = <T>(name: string, p: Promise<T>) =>
      p.then((v) => {
        order.push(name);
        return v;
      });
    const attacks = [
      track('fan-out', gql(stack, fanOut(21))),
      track('counts', gql(stack, aliased(100, 'posts(first: 0) { totalCount }'))),
      track('counts-many', gql(stack, aliased(5000, 'searchUsers(query: "a", first: 0) { totalCount }'))),
      track(
        'tags',
        gql(
          stack,
          'mutation($input: CreateRoomInput!) { createRoom(input: $input) { room { id } userErrors { field code message } } }',
          { input: { title: 'Tags', tags: Array.from({ length: 20_000 }, (_, i) => `t${i}`) } },
          { token: user.token },
        ),
      ),
    ];
    const me = track('me', gql(stack, '{ me { id } }', {}, { token: user.token }));
    const [meRes, ...attackRes] = await Promise.all([me, ...attacks]);
    expect(meRes.data.me.id).toBe(user.id);
    for (const res of attackRes) {
      expect(res.status).not.toBe(500);
      const refused = res.status >= 400 || res.data?.createRoom?.userErrors?.length > 0;
      expect(refused).toBe(true);
    }
    // Either `me` answered while an attack was still running, or every attack was refused before it.
    expect(order).toContain('me');
  });
});

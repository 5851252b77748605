import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { gql } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { normaliseTags } from './tags.service.js';

describe('normaliseTags', () => {
  it('lower-cases, strips #, trims, keeps Korean, dedupes in order', () => {
    expect(normaliseTags([' #Seoul ', '서울', 'SEOUL', '##맛집', 'café_2'])).toEqual({ tags: ['seoul', '서울', '맛집', 'café_2'] });
  });
  it('refuses empty, too long, punctuation and more than 30', () => {
    expect(normaliseTags(['#']).error).toMatch(/1–50/);
    expect(normaliseTags(['a'.repeat(51)]).error).toMatch(/1–50/);
    expect(normaliseTags(['가'.repeat(50)]).error).toBeUndefined();
    expect(normaliseTags(['no spaces']).error).toMatch(/not a valid tag/);
    expect(normaliseTags(['<script>']).error).toMatch(/not a valid tag/);
    expect(normaliseTags(Array.from({ length: 31 }, (_, i) => `t${i}`)).error).toMatch(/At most 30/);
    expect(normaliseTags(Array.from({ length: 31 }, () => 'same')).error).toBeUndefined();
  });
});

describe('tags', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('upsertTags is race-safe and returns the rows in input order', async () => {
    const em = stack.orm.em.fork() as EntityManager;
    const runs = await Promise.all(
      Array.from({ length: 8 }, () =>
        em.fork().transactional((tx) => stack.app.services.tags.upsertTags(tx as EntityManager, ['race', '경주', 'race2'])),
      ),
    );
    const ids = new Set(runs.map((tags) => tags.map((t) => t.id).join()));
    expect(ids.size).toBe(1);
    expect(runs[0].map((t) => t.name)).toEqual(['race', '경주', 'race2']);
    const [row] = await em.getConnection().execute(`select count(*)::int as n from tags where name in ('race', '경주', 'race2')`);
    expect(row.n).toBe(3);
  });

  it('tags(query) autocompletes by prefix, most used first, with postCount', async () => {
    const em = stack.orm.em.fork() as EntityManager;
    await em.transactional(async (tx) => {
      const tags = stack.app.services.tags;
      const [a, b, c] = await tags.upsertTags(tx as EntityManager, ['food', 'football', '음식']);
      await tags.adjustPostCounts(tx as EntityManager, [a.id, b.id, b.id, c.id], 1);
    });
    const res = await gql(stack, `query($q: String, $n: Int) { tags(query: $q, first: $n) { id name postCount } }`, { q: '#FOO' });
    expect(res.data.tags.map((t: { name: string }) => t.name)).toEqual(['football', 'food']);
    expect(res.data.tags[0].postCount).toBe(2);
    const korean = await gql(stack, `query { tags(query: "음") { name postCount } }`);
    expect(korean.data.tags).toEqual([{ name: '음식', postCount: 1 }]);
    const all = await gql(stack, `query { tags(first: 2) { name } }`);
    expect(all.data.tags).toHaveLength(2);
    const wild = await gql(stack, `query { tags(query: "%") { name } }`);
    expect(wild.data.tags).toEqual([]);
    const node = await gql(stack, `query($id: ID!) { node(id: $id) { ... on Tag { name } } }`, { id: res.data.tags[0].id });
    expect(node.data.node.name).toBe('football');
  });
});

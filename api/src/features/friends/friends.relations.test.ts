import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { areFriends, blockedSql, feedAuthorsSql, friendIds, isBlockedEither } from './friends.relations.js';
import { ACCEPT, act, BLOCK, FOLLOW, raw, SEND } from './friends.testkit.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.stop(); });

/** The relation helpers other features (posts, calls) build on, against real rows. */
describe('friends.relations', () => {
  it('answers friendship, block and feed questions', async () => {
    const [me, friend1, friend2, followed, blocker, stranger] = await Promise.all(Array.from({ length: 6 }, () => signUp(stack)));
    for (const friend of [friend1, friend2]) {
      const { friendRequest } = await act(stack, me, SEND, friend.id);
      await act(stack, friend, ACCEPT, friendRequest.id);
    }
    await act(stack, me, FOLLOW, followed.id);
    await act(stack, blocker, BLOCK, me.id);
    const em = stack.orm.em.fork() as EntityManager;
    const [m, f1, f2, fo, bl, st] = [me, friend1, friend2, followed, blocker, stranger].map(raw);

    expect(await areFriends(em, m, f1)).toBe(true);
    expect(await areFriends(em, f1, m)).toBe(true);
    expect(await areFriends(em, m, fo)).toBe(false);
    expect(await areFriends(em, m, 'not-a-uuid')).toBe(false);
    expect(await friendIds(em, m)).toEqual([f2, f1]);
    expect(await friendIds(em, 'nope')).toEqual([]);
    expect(await isBlockedEither(em, m, bl)).toBe(true);
    expect(await isBlockedEither(em, bl, m)).toBe(true);
    expect(await isBlockedEither(em, m, st)).toBe(false);

    const visible = async (viewer: string | null) => {
      const hidden = blockedSql('u.id', viewer);
      const rows = await em.execute(`select u.id from users u where u.id in (?) and not ${hidden.sql}`, [[m, bl, st], ...hidden.params]);
      return rows.map((r: { id: string }) => r.id).sort();
    };
    expect(await visible(m)).toEqual([m, st].sort());
    expect(await visible(bl)).toEqual([bl, st].sort());
    expect(await visible(null)).toEqual([m, bl, st].sort());

    const feed = feedAuthorsSql('u.id', m);
    const authors = await em.execute(`select u.id from users u where u.id in (?) and ${feed.sql}`, [[m, f1, f2, fo, bl, st], ...feed.params]);
    expect(authors.map((r: { id: string }) => r.id).sort()).toEqual([m, f1, f2, fo].sort());
  });
});

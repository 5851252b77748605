import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { blockedSql, feedAuthorsSql, FriendsRepository } from './friends.repository.js';
import { FriendsService } from './friends.service.js';
import { ACCEPT, act, BLOCK, FOLLOW, raw, SEND } from './friends.testkit.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

// The reads other features call need nothing but the repository.
const friends = new FriendsService(new FriendsRepository(), null as never, null as never, null as never, null as never);

/** The relation reads and SQL fragments other features (posts, calls, search) build on, against real rows. */
describe('friends relations for other features', () => {
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

    expect(await friends.areFriends(em, m, f1)).toBe(true);
    expect(await friends.areFriends(em, f1, m)).toBe(true);
    expect(await friends.areFriends(em, m, fo)).toBe(false);
    expect(await friends.areFriends(em, m, 'not-a-uuid')).toBe(false);
    expect(await friends.friendIds(em, m)).toEqual([f2, f1]);
    expect(await friends.friendIds(em, 'nope')).toEqual([]);
    expect(await friends.isBlockedEither(em, m, bl)).toBe(true);
    expect(await friends.isBlockedEither(em, bl, m)).toBe(true);
    expect(await friends.isBlockedEither(em, m, st)).toBe(false);

    const visible = async (viewer: string | null) => {
      const hidden = blockedSql('u.id', viewer);
      const rows = await em.execute<{ id: string }[]>(`select u.id from users u where u.id in (?) and not ${hidden.sql}`, [
        [m, bl, st],
        ...hidden.params,
      ]);
      return rows.map((r) => r.id).sort();
    };
    expect(await visible(m)).toEqual([m, st].sort());
    expect(await visible(bl)).toEqual([bl, st].sort());
    expect(await visible(null)).toEqual([m, bl, st].sort());

    const feed = feedAuthorsSql('u.id', m);
    const authors = await em.execute<{ id: string }[]>(`select u.id from users u where u.id in (?) and ${feed.sql}`, [
      [m, f1, f2, fo, bl, st],
      ...feed.params,
    ]);
    expect(authors.map((r) => r.id).sort()).toEqual([m, f1, f2, fo].sort());
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, settle, signUp, subscribe, wsClient, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { feedTopic } from './posts.events.js';
import { befriend, block, createPost, follow, raw } from './posts.testkit.js';

// `feedPostAdded`: a friend's or followed user's new post reaches the open home feed, with the feed's own rules.
let stack: TestStack;
const clients: ReturnType<typeof wsClient>[] = [];
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await stack?.stop();
});

const FEED_POST_ADDED = 'subscription { feedPostAdded { id title author { id username } } }';

async function openFeed(who: TestUser) {
  const c = wsClient(stack, who.token);
  clients.push(c);
  const sub = subscribe(c, FEED_POST_ADDED);
  await expect.poll(() => stack.app.pubsub.listenerCount(feedTopic(raw(who.id))), { timeout: 5000 }).toBe(1);
  return sub;
}

describe('feedPostAdded', () => {
  it('reaches friends and followers; not strangers, not the author, not someone who blocked the author', async () => {
    const [author, friend, follower, stranger, blocker] = await Promise.all(Array.from({ length: 5 }, () => signUp(stack)));
    await befriend(stack, author, friend);
    await follow(stack, follower, author);
    await follow(stack, blocker, author);
    await block(stack, blocker, author);
    const [ofFriend, ofFollower, ofStranger, ofAuthor, ofBlocker] = await Promise.all(
      [friend, follower, stranger, author, blocker].map(openFeed),
    );

    const post = await createPost(stack, author, { title: 'Fresh bread' });
    const expected = { id: post.id, title: 'Fresh bread', author: { id: author.id, username: author.username } };
    expect((await ofFriend.next()).data!.feedPostAdded).toEqual(expected);
    expect((await ofFollower.next()).data!.feedPostAdded).toEqual(expected);
    await settle(300);
    expect(ofStranger.events).toEqual([]);
    expect(ofAuthor.events).toEqual([]);
    expect(ofBlocker.events).toEqual([]);
  });

  it('is refused signed out', async () => {
    const c = wsClient(stack);
    clients.push(c);
    const sub = subscribe(c, FEED_POST_ADDED);
    await expect.poll(() => sub.error ?? sub.events[0]?.errors).toBeTruthy();
    expect((await gql(stack, 'query { feed { totalCount } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

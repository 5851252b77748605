import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, settle, signUp, subscribe, wsClient, type TestUser } from '../test/client.js';
import { startTestStack, type TestStack } from '../test/stack.js';
import { testRedisUrl, useTwoInstances } from '../test/two-instances.js';
import { createPost, raw } from '../features/posts/posts.testkit.js';
import { postLikedTopic } from '../features/posts/likes.service.js';

const LIKE = `mutation($id: ID!) { likePost(postId: $id) { post { id } userErrors { code } } }`;
const LIKED = `subscription { postLiked { likeCount like { id user { id } } post { id } } }`;
const NOTIFIED = `subscription { notificationAdded { type actor { id } } }`;

/**
 * Live events across API instances: two in-process instances share one database and one real Redis, like two
 * containers behind the load balancer. A user's socket is on one instance, the action happens on the other.
 */
describe.skipIf(!testRedisUrl)('live events across instances (Redis)', () => {
  const instances = useTwoInstances();

  it('a like made through instance 1 reaches the author’s socket on instance 2, with its notification', async () => {
    const { one, two } = instances;
    const author = await signUp(one);
    const liker = await signUp(one);
    const post = await createPost(one, author);
    const client = wsClient(two, author.token);
    const likes = subscribe(client, LIKED);
    const notifications = subscribe(client, NOTIFIED);
    await settle();
    const res = await gql(one, LIKE, { id: post.id }, { token: liker.token });
    expect(res.data.likePost.userErrors).toEqual([]);
    expect((await likes.next(5000)).data!.postLiked).toMatchObject({
      likeCount: 1,
      like: { user: { id: liker.id } },
      post: { id: post.id },
    });
    expect((await notifications.next(5000)).data!.notificationAdded).toMatchObject({ type: 'LIKE', actor: { id: liker.id } });
    await client.dispose();
  });

  it('a logout on instance 1 closes that session’s socket on instance 2 with 4401', async () => {
    const { one, two } = instances;
    const user = await signUp(one);
    let closed: { code: number; reason: string } | null = null;
    const client = wsClient(two, user.token, { onClose: (event) => (closed = event) });
    const me = await new Promise((resolve, reject) =>
      client.subscribe({ query: '{ me { id } }' }, { next: resolve, error: reject, complete: () => undefined }),
    );
    expect(me).toMatchObject({ data: { me: { id: user.id } } });
    expect((await gql(one, 'mutation { logout }', {}, { token: user.token })).data.logout).toBe(true);
    await expect.poll(() => closed, { timeout: 5000 }).toMatchObject({ code: 4401 });
    await client.dispose();
  });
});

describe('one event, many sockets of one viewer', () => {
  let stack: TestStack;
  let author: TestUser;
  let liker: TestUser;
  beforeAll(async () => {
    stack = await startTestStack();
    author = await signUp(stack);
    liker = await signUp(stack);
  });
  afterAll(() => stack?.stop());

  /** Opens `sockets` sockets of the author, each subscribed to postLiked, and counts the SQL of one like's delivery. */
  async function likeDeliveredTo(sockets: number): Promise<number> {
    const post = await createPost(stack, author);
    const clients = Array.from({ length: sockets }, () => wsClient(stack, author.token));
    const subscriptions = clients.map((client) => subscribe(client, LIKED));
    const topic = postLikedTopic(raw(author.id));
    await expect.poll(() => stack.app.pubsub.listenerCount(topic), { timeout: 10_000 }).toBe(sockets);
    const { queries } = await stack.countQueries(async () => {
      await gql(stack, LIKE, { id: post.id }, { token: liker.token });
      const events = await Promise.all(subscriptions.map((s) => s.next(10_000)));
      for (const event of events) expect(event.data!.postLiked).toMatchObject({ likeCount: 1, post: { id: post.id } });
    });
    await Promise.all(clients.map((client) => client.dispose()));
    await expect.poll(() => stack.app.pubsub.listenerCount(topic), { timeout: 10_000 }).toBe(0);
    return queries;
  }

  it('resolves the event once: 25 sockets cost the database what one socket costs', async () => {
    const single = await likeDeliveredTo(1);
    // The lower of two runs: a background job's queries can fall into one window on a busy machine, while resolving
    // per socket would add 25 queries to both.
    const many = Math.min(await likeDeliveredTo(25), await likeDeliveredTo(25));
    expect(many).toBeLessThanOrEqual(single + 2);
  });

  it('stops listening as soon as a subscription ends, without waiting for another event', async () => {
    const author = await signUp(stack);
    const client = wsClient(stack, author.token);
    const likes = subscribe(client, LIKED);
    const topic = postLikedTopic(raw(author.id));
    await expect.poll(() => stack.app.pubsub.listenerCount(topic), { timeout: 5000 }).toBeGreaterThan(0);
    likes.dispose();
    await expect.poll(() => stack.app.pubsub.listenerCount(topic), { timeout: 5000 }).toBe(0);
    await client.dispose();
  });
});

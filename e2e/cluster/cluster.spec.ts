/**
 * `npm run test:cluster`: the API as a cluster of real processes (scripts/cluster/harness.ts) — two API instances
 * behind haproxy, Redis, PostgreSQL through pgbouncer (transaction mode), two LiveKit nodes — and what a user would
 * notice if the instances did not share their live events, sessions, timers and data. Everything goes through the
 * load balancer; a header pins a request or socket to one instance where the check is about crossing instances.
 * The checks run in order on one cluster (starting it costs ~30 s): the ones that kill instances come last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribe } from '../../api/src/test/client.js';
import { startCluster, type Cluster } from '../../scripts/cluster/harness.js';
import { as, befriend, createPost, must, newUser, socket, until, type Socket } from './clients.js';
import { videoCallAcrossNodes } from './video.js';

let cluster: Cluster;
const sockets: Socket[] = [];
const open = (...args: Parameters<typeof socket>) => {
  const s = socket(...args);
  sockets.push(s);
  return s;
};

beforeAll(async () => {
  cluster = await startCluster();
}, 240_000);

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.client.dispose()));
  await cluster?.stop();
}, 60_000);

const LIKE = 'mutation($id: ID!) { likePost(postId: $id) { post { id likeCount } userErrors { message } } }';
const POST_LIKED = 'subscription($id: ID) { postLiked(postId: $id) { likeCount like { user { id } } post { id } } }';
const NOTIFICATION_ADDED = 'subscription { notificationAdded { type actor { id } call { id status } } }';
const START_CALL = 'mutation($ids: [ID!]!) { startCall(calleeIds: $ids) { call { id status } userErrors { message } } }';
const CALL_STATUS = 'query($id: ID!) { node(id: $id) { ... on Call { status } } }';
const CALL_NOTES = '{ notifications(first: 50) { nodes { type call { id } } } }';

/** Waits until the server has the subscription (graphql-ws acknowledges sockets, not operations). */
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
/** A failed wait says what the user missed, not only that time ran out. */
const or = <T>(wait: Promise<T>, missed: string) =>
  wait.catch((error: Error) => {
    throw new Error(`${missed} (${error.message})`);
  });

describe('one network across instances', () => {
  it('(1) a like made through instance 1 reaches the author’s socket on instance 2', async () => {
    const [author, fan] = [await newUser(cluster), await newUser(cluster)];
    const post = await createPost(cluster, author, 'Across instances', 1);
    const authorSocket = open(cluster, author, { instance: 2 });
    const liked = subscribe(authorSocket.client, POST_LIKED, { id: post.id });
    await until(
      'the author’s socket on instance 2',
      () => authorSocket.connections,
      (n) => n === 1,
    );
    await settle();

    const { post: after } = await must(cluster, fan, LIKE, { id: post.id }, 1);
    expect(after.likeCount).toBe(1);
    const event = await or(liked.next(10_000), 'the like made on instance 1 never reached the socket on instance 2');
    expect(event.data?.postLiked).toEqual({ likeCount: 1, like: { user: { id: fan.id } }, post: { id: post.id } });
  });

  it('(2) a logout on one instance closes the user’s socket on the other (4401)', async () => {
    const user = await newUser(cluster);
    const userSocket = open(cluster, user, { instance: 2 });
    await until(
      'the socket on instance 2',
      () => userSocket.connections,
      (n) => n === 1,
    );

    const out = await as(cluster, user, 'mutation { logout }', {}, 1);
    expect(out.data.logout).toBe(true);
    const [closed] = await until(
      'the socket to close',
      () => userSocket.closes,
      (c) => c.length > 0,
      10_000,
    );
    expect(closed.code).toBe(4401);
  });

  it('(5) two browsers on different LiveKit nodes see each other’s video in one call', async () => {
    const [alice, bob] = [await newUser(cluster, 'Alice Kim'), await newUser(cluster, 'Bob Lee')];
    await befriend(cluster, alice, bob);
    const seen = await videoCallAcrossNodes(cluster, alice, bob);
    expect(Object.keys(seen.aliceSees)).toEqual([bob.id]);
    expect(Object.keys(seen.bobSees)).toEqual([alice.id]);
    // Each page's signalling went through its own node (the balancer's open sessions while both were in the call).
    expect(seen.openSessions.lk1).toBeGreaterThanOrEqual(1);
    expect(seen.openSessions.lk2).toBeGreaterThanOrEqual(1);
  }, 180_000);
});

describe('instances come and go', () => {
  it('(3) an unanswered call rings out exactly once after the instance that started it is killed mid-ring', async () => {
    const [caller, callee] = [await newUser(cluster), await newUser(cluster)];
    await befriend(cluster, caller, callee);
    const calleeSocket = open(cluster, callee, { instance: 2 });
    const notes = subscribe(calleeSocket.client, NOTIFICATION_ADDED);
    await until(
      'the callee’s socket on instance 2',
      () => calleeSocket.connections,
      (n) => n === 1,
    );
    await settle();

    const { call } = await must(cluster, caller, START_CALL, { ids: [callee.id] }, 1);
    expect(call.status).toBe('RINGING');
    await cluster.stopApi(1, 'SIGKILL');

    // The ring time-out is 4 s; instance 1 is gone, so whoever rings the call out is not the instance that started it.
    const missed = await or(notes.next(30_000), 'nobody rang the call out after the instance that started it died');
    expect(missed.data).toEqual({
      notificationAdded: { type: 'MISSED_CALL', actor: { id: caller.id }, call: { id: call.id, status: 'MISSED' } },
    });
    expect((await as(cluster, caller, CALL_STATUS, { id: call.id })).data.node.status).toBe('MISSED');

    // Instance 1 comes back (its start-up must not ring the call out again); still exactly one notification.
    await cluster.startApi(1);
    await settle(5000);
    expect(notes.events).toHaveLength(1);
    const inbox = (await as(cluster, callee, CALL_NOTES)).data.notifications.nodes.filter(
      (n: { call: { id: string } | null }) => n.call?.id === call.id,
    );
    expect(inbox).toEqual([{ type: 'MISSED_CALL', call: { id: call.id } }]);
  }, 120_000);

  it('(4) a rolling restart loses no stored data and subscriptions resume', async () => {
    const [author, fan] = [await newUser(cluster), await newUser(cluster)];
    const first = await createPost(cluster, author, 'Before the restart');
    const second = await createPost(cluster, author, 'Also before the restart');
    const authorSocket = open(cluster, author, { retry: true });
    const liked = subscribe(authorSocket.client, POST_LIKED, {});
    await until(
      'the author’s socket',
      () => authorSocket.connections,
      (n) => n === 1,
    );

    // One instance at a time; while it is down the balancer sends everything to the other.
    const written: { id: string }[] = [first, second];
    for (const index of [1, 2] as const) {
      await cluster.stopApi(index, 'SIGTERM');
      written.push(await createPost(cluster, author, `While instance ${index} restarts`));
      await must(cluster, fan, LIKE, { id: written[written.length - 1].id });
      await cluster.startApi(index);
    }

    const POSTS = 'query($a: ID!) { posts(authorId: $a, first: 10) { totalCount nodes { id likeCount } } }';
    const stored = (await as(cluster, fan, POSTS, { a: author.id })).data.posts;
    expect(stored.totalCount).toBe(4);
    expect(new Set(stored.nodes.map((p: { id: string }) => p.id))).toEqual(new Set(written.map((p) => p.id)));

    // The socket was closed by the restarts and came back through the balancer with its subscription.
    await until(
      'the socket to reconnect',
      () => authorSocket,
      (s) => s.closes.length > 0 && s.open,
      30_000,
    );
    await settle(1000);
    // A like through each instance: the socket is on one of them, so one event crosses instances.
    const before = liked.events.length;
    await must(cluster, fan, LIKE, { id: first.id }, 1);
    await must(cluster, fan, LIKE, { id: second.id }, 2);
    await until(
      'both likes after the restart',
      () => liked.events.length,
      (n) => n >= before + 2,
      15_000,
    );
    const after = liked.events.slice(before).map((e) => e.data?.postLiked.post.id);
    expect(new Set(after)).toEqual(new Set([first.id, second.id]));
  }, 240_000);
});

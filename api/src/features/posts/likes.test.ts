import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../kernel/ids.js';
import { gql, settle, signUp, subscribe, wsClient, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { postLikedTopic, type PostLikeChange } from './likes.service.js';
import { block, createPost, notificationsOf, postMutation, quickUsers, raw } from './posts.testkit.js';

let stack: TestStack;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  stack = await startTestStack();
  [alice, bob] = [await signUp(stack), await signUp(stack)];
});
afterAll(async () => {
  await stack?.stop();
});

const LIKE = postMutation('likePost');
const rowsOf = async (table: string, postId: string) =>
  (
    await stack.orm.em
      .fork()
      .getConnection()
      .execute(`select count(*)::int as n from ${table} where post_id = ?`, [raw(postId)])
  )[0].n;

describe('likes and favorites', () => {
  it('200 distinct users liking at once leave exactly 200 likes; one user liking 20 times at once leaves one', async () => {
    const post = await createPost(stack, alice);
    const likers = await quickUsers(stack, 200);
    const results = await Promise.all(likers.map((u) => gql(stack, LIKE, { id: post.id }, { token: u.token })));
    expect(results.every((r) => !r.errors && r.data.likePost.userErrors.length === 0)).toBe(true);
    expect(await rowsOf('likes', post.id)).toBe(200);
    const read = await gql(stack, `query($id: ID!) { post(id: $id) { likeCount likes(first: 5) { totalCount nodes { user { id } } } } }`, {
      id: post.id,
    });
    expect(read.data.post.likeCount).toBe(200);
    expect(read.data.post.likes.totalCount).toBe(200);

    const other = await createPost(stack, alice);
    const again = await Promise.all(Array.from({ length: 20 }, () => gql(stack, LIKE, { id: other.id }, { token: bob.token })));
    expect(again.every((r) => r.data.likePost.post.viewerHasLiked)).toBe(true);
    expect(await rowsOf('likes', other.id)).toBe(1);
    const likeNotes = (await notificationsOf(stack, alice)).filter((n) => n.type === 'LIKE' && n.post_id === raw(other.id));
    expect(likeNotes).toHaveLength(1);
  }, 60_000);

  it('notifies the author once per liker per post, never for their own post; unlike and favorite are idempotent', async () => {
    const post = await createPost(stack, alice);
    await gql(stack, LIKE, { id: post.id }, { token: alice.token });
    await gql(stack, LIKE, { id: post.id }, { token: bob.token });
    const unliked = await gql(stack, postMutation('unlikePost'), { id: post.id }, { token: bob.token });
    expect(unliked.data.unlikePost.post).toMatchObject({ likeCount: 1, viewerHasLiked: false });
    await gql(stack, postMutation('unlikePost'), { id: post.id }, { token: bob.token });
    await gql(stack, LIKE, { id: post.id }, { token: bob.token });
    const notes = (await notificationsOf(stack, alice)).filter((n) => n.post_id === raw(post.id));
    expect(notes).toEqual([{ type: 'LIKE', actor_id: raw(bob.id), post_id: raw(post.id), comment_id: null }]);

    for (let i = 0; i < 2; i++) {
      const fav = await gql(stack, postMutation('favoritePost'), { id: post.id }, { token: bob.token });
      expect(fav.data.favoritePost.post.viewerHasFavorited).toBe(true);
    }
    expect(await rowsOf('favorites', post.id)).toBe(1);
    const favs = await gql(stack, `{ favorites { totalCount nodes { id viewerHasFavorited } } }`, {}, { token: bob.token });
    expect(favs.data.favorites.nodes[0]).toEqual({ id: post.id, viewerHasFavorited: true });
    await gql(stack, postMutation('unfavoritePost'), { id: post.id }, { token: bob.token });
    expect(await rowsOf('favorites', post.id)).toBe(0);
  });

  it('lists favorites most recently favorited first', async () => {
    const carol = await signUp(stack);
    const [p1, p2, p3] = [await createPost(stack, alice), await createPost(stack, alice), await createPost(stack, alice)];
    for (const p of [p2, p3, p1]) await gql(stack, postMutation('favoritePost'), { id: p.id }, { token: carol.token });
    const page = await gql(
      stack,
      `{ favorites(first: 2) { pageInfo { endCursor hasNextPage } nodes { id } } }`,
      {},
      { token: carol.token },
    );
    expect(page.data.favorites.nodes.map((p: { id: string }) => p.id)).toEqual([p1.id, p3.id]);
    const next = await gql(
      stack,
      `query($a: String) { favorites(first: 2, after: $a) { nodes { id } } }`,
      { a: page.data.favorites.pageInfo.endCursor },
      { token: carol.token },
    );
    expect(next.data.favorites.nodes.map((p: { id: string }) => p.id)).toEqual([p2.id]);
  });

  it('refuses like, favorite and comment between users who blocked each other (FORBIDDEN), unknown posts NOT_FOUND', async () => {
    const [dave, erin] = [await signUp(stack), await signUp(stack)];
    const post = await createPost(stack, dave);
    await block(stack, dave, erin);
    for (const name of ['likePost', 'favoritePost']) {
      const res = await gql(stack, postMutation(name), { id: post.id }, { token: erin.token });
      expect(res.data[name].userErrors[0].code).toBe('FORBIDDEN');
    }
    const comment = await gql(
      stack,
      `mutation($id: ID!) { addComment(input: { postId: $id, body: "hi" }) { userErrors { code } } }`,
      { id: post.id },
      { token: erin.token },
    );
    expect(comment.data.addComment.userErrors[0].code).toBe('FORBIDDEN');
    expect(await rowsOf('likes', post.id)).toBe(0);
    expect((await gql(stack, `query($id: ID!) { post(id: $id) { id } }`, { id: post.id }, { token: erin.token })).data.post).toBeNull();
    const missing = await gql(stack, LIKE, { id: 'bm9wZQ' }, { token: erin.token });
    expect(missing.data.likePost.userErrors[0].code).toBe('NOT_FOUND');
  });
});

describe('postLiked', () => {
  it('pushes a LikeEvent to every connection of the author, and nothing to anyone else', async () => {
    const post = await createPost(stack, alice);
    const mallory = await signUp(stack);
    const DOC = `subscription($postId: ID) { postLiked(postId: $postId) { likeCount like { id user { id } } post { id } } }`;
    const clients = [wsClient(stack, alice.token), wsClient(stack, alice.token), wsClient(stack, mallory.token)];
    try {
      const [one, two, spy] = [subscribe(clients[0], DOC), subscribe(clients[1], DOC, { postId: post.id }), subscribe(clients[2], DOC)];
      await settle();
      await gql(stack, LIKE, { id: post.id }, { token: bob.token });
      for (const sub of [one, two]) {
        const event = await sub.next(5000);
        expect(event.errors).toBeUndefined();
        expect(event.data.postLiked).toMatchObject({ likeCount: 1, like: { user: { id: bob.id } }, post: { id: post.id } });
      }
      const otherPost = await createPost(stack, alice);
      await gql(stack, LIKE, { id: otherPost.id }, { token: bob.token });
      // In order: the second like arrives after the first, on the unfiltered subscription only.
      expect((await one.next(5000)).data.postLiked.post.id).toBe(otherPost.id);
      await settle(300);
      expect(one.events).toHaveLength(2);
      expect(two.events).toHaveLength(1); // filtered to the first post
      expect(spy.events).toHaveLength(0);
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });
});

describe('postLikesChanged', () => {
  const CHANGES = `subscription($postId: ID) { postLikesChanged(postId: $postId) {
    liked likeCount user { id } like { id user { id } } post { id likeCount } } }`;

  it('pushes likes and unlikes to the author with the count after each change, in order', async () => {
    const author = await signUp(stack);
    const post = await createPost(stack, author);
    const clients = [wsClient(stack, author.token), wsClient(stack, bob.token)];
    try {
      const [changes, spy] = [subscribe(clients[0], CHANGES, { postId: post.id }), subscribe(clients[1], CHANGES)];
      await settle();
      await gql(stack, LIKE, { id: post.id }, { token: bob.token });
      const liked = await changes.next(5000);
      expect(liked.errors).toBeUndefined();
      expect(liked.data.postLikesChanged).toMatchObject({
        liked: true,
        likeCount: 1,
        user: { id: bob.id },
        like: { user: { id: bob.id } },
        post: { id: post.id },
      });

      const unliked = await gql(stack, postMutation('unlikePost'), { id: post.id }, { token: bob.token });
      expect(unliked.data.unlikePost.userErrors).toEqual([]);
      const removed = await changes.next(5000);
      expect(removed.errors).toBeUndefined();
      expect(removed.data.postLikesChanged).toEqual({
        liked: false,
        likeCount: 0,
        user: { id: bob.id },
        like: null,
        post: { id: post.id, likeCount: 0 },
      });

      // Unliking again changes nothing, so nothing is pushed; the next like is the next event.
      await gql(stack, postMutation('unlikePost'), { id: post.id }, { token: bob.token });
      await gql(stack, LIKE, { id: post.id }, { token: bob.token });
      expect((await changes.next(5000)).data.postLikesChanged).toMatchObject({ liked: true, likeCount: 1 });
      await settle(300);
      expect(changes.events).toHaveLength(3);
      expect(spy.events).toHaveLength(0);
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });

  it('drops hidden events (a blocked liker, a like already taken back) instead of answering null', async () => {
    const [author, carol, dave] = [await signUp(stack), await signUp(stack), await signUp(stack)];
    const post = await createPost(stack, author);
    const clients = [wsClient(stack, author.token), wsClient(stack, author.token)];
    try {
      const changes = subscribe(clients[0], CHANGES);
      const likes = subscribe(clients[1], `subscription { postLiked { likeCount like { id user { id } } } }`);
      await settle();
      await gql(stack, LIKE, { id: post.id }, { token: carol.token });
      const first = await likes.next(5000);
      expect(first.data.postLiked.like.user.id).toBe(carol.id);
      expect((await changes.next(5000)).data.postLikesChanged.user.id).toBe(carol.id);
      await block(stack, author, carol);

      // Events published before the block or before an unlike, delivered after it.
      const topic = postLikedTopic(raw(author.id));
      const carolsLike = fromGlobalId(first.data.postLiked.like.id, 'Like')!;
      stack.app.pubsub.publish(topic, {
        postId: raw(post.id),
        userId: raw(carol.id),
        liked: true,
        likeId: carolsLike,
      } satisfies PostLikeChange);
      stack.app.pubsub.publish(topic, { postId: raw(post.id), userId: raw(carol.id), liked: false, likeId: null } satisfies PostLikeChange);
      stack.app.pubsub.publish(topic, {
        postId: raw(post.id),
        userId: raw(dave.id),
        liked: true,
        likeId: randomUUID(),
      } satisfies PostLikeChange);

      await gql(stack, LIKE, { id: post.id }, { token: dave.token });
      const next = await likes.next(5000);
      expect(next.errors).toBeUndefined();
      expect(next.data.postLiked.like.user.id).toBe(dave.id);
      const change = await changes.next(5000);
      expect(change.errors).toBeUndefined();
      expect(change.data.postLikesChanged).toMatchObject({ liked: true, user: { id: dave.id } });
      await settle(300);
      expect(likes.events).toHaveLength(2);
      expect(changes.events).toHaveLength(2);
      expect([...likes.events, ...changes.events].every((e) => e.errors === undefined)).toBe(true);
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });
});

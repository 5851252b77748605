import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, settle, signUp, subscribe, wsClient, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { befriend, createPost, follow, raw } from '../posts/posts.testkit.js';
import { act, FOLLOW, notificationsOf, UNFOLLOW } from './friends.testkit.js';

// Private accounts: only the owner, friends, approved followers and staff see the posts, on every path.
let stack: TestStack;
const clients: ReturnType<typeof wsClient>[] = [];
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await stack?.stop();
});

const SET_PRIVATE = `mutation($p: Boolean!) { updateProfile(input: { isPrivate: $p }) { user { id isPrivate } userErrors { code } } }`;
const PROFILE = `query($u: String!) { user(username: $u) { id isPrivate viewerCanSeePosts viewerFollowRequested viewerIsFollowing
  friendCount followerCount followingCount followers { totalCount nodes { id } } } }`;
const POSTS = `query($authorId: ID, $tag: String, $query: String) {
  posts(first: 20, authorId: $authorId, tag: $tag, query: $query) { totalCount nodes { id } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id } }`;
const FEED = `query { feed(first: 20) { nodes { id } } }`;
const REQUESTS = `query { followRequests(first: 10) { totalCount nodes { id username } } }`;
const APPROVE = `mutation($id: ID!) { approveFollowRequest(userId: $id) { user { id followsViewer } userErrors { code field } } }`;
const DECLINE = `mutation($id: ID!) { declineFollowRequest(userId: $id) { user { id } userErrors { code field } } }`;
const ADD_COMMENT = `mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id } userErrors { code } } }`;

const as = (who: TestUser | null) => (who ? { token: who.token } : {});
async function data(who: TestUser | null, query: string, variables: Record<string, unknown> = {}) {
  const res = await gql(stack, query, variables, as(who));
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}
const postIds = async (who: TestUser | null, filter: Record<string, unknown>) =>
  (await data(who, POSTS, filter)).posts.nodes.map((n: { id: string }) => n.id);
const nodeId = async (who: TestUser | null, id: string) => (await data(who, NODE, { id })).node?.id ?? null;

/** A private account with one tagged post (with a photo and a comment), and the people around it. */
async function privateWorld(tag: string) {
  const [owner, friend, follower, stranger] = await Promise.all(Array.from({ length: 4 }, () => signUp(stack)));
  await befriend(stack, owner, friend);
  await follow(stack, follower, owner); // while the account is still public: an approved follower
  const set = await data(owner, SET_PRIVATE, { p: true });
  expect(set.updateProfile.user.isPrivate).toBe(true);
  const post = await createPost(stack, owner, { title: `Secret ${tag}`, tags: [tag] });
  const comment = (await data(owner, ADD_COMMENT, { input: { postId: post.id, body: 'hidden words' } })).addComment.comment;
  return { owner, friend, follower, stranger, post, comment, mediaId: post.media[0].id as string };
}

describe('private accounts', () => {
  it('hides posts, comments and photos from strangers and signed-out visitors on every read path', async () => {
    const w = await privateWorld('privtag');
    for (const viewer of [w.owner, w.friend, w.follower]) {
      expect(await postIds(viewer, { authorId: w.owner.id })).toEqual([w.post.id]);
      expect(await postIds(viewer, { tag: 'privtag' })).toEqual([w.post.id]);
      expect(await postIds(viewer, { query: 'Secret privtag' })).toEqual([w.post.id]);
      expect(await nodeId(viewer, w.post.id)).toBe(w.post.id);
      expect(await nodeId(viewer, w.comment.id)).toBe(w.comment.id);
    }
    for (const viewer of [w.stranger, null]) {
      expect(await postIds(viewer, { authorId: w.owner.id })).toEqual([]);
      expect(await postIds(viewer, { tag: 'privtag' })).toEqual([]);
      expect(await postIds(viewer, { query: 'Secret privtag' })).toEqual([]);
      expect(await nodeId(viewer, w.post.id)).toBeNull();
      expect(await nodeId(viewer, w.comment.id)).toBeNull();
    }
    expect(await nodeId(w.stranger, w.mediaId)).toBeNull();
    expect(await nodeId(w.follower, w.mediaId)).toBe(w.mediaId);
    expect((await data(w.follower, FEED)).feed.nodes.map((n: { id: string }) => n.id)).toContain(w.post.id);

    // The profile itself stays: name and counts, the lists closed, and a flag saying the posts are not for them.
    const seen = (await data(w.stranger, PROFILE, { u: w.owner.username })).user;
    expect(seen).toMatchObject({ isPrivate: true, viewerCanSeePosts: false, friendCount: 1, followerCount: 1 });
    expect(seen.followers.nodes).toEqual([]);
    expect((await data(null, PROFILE, { u: w.owner.username })).user.viewerCanSeePosts).toBe(false);
    expect((await data(w.follower, PROFILE, { u: w.owner.username })).user).toMatchObject({ viewerCanSeePosts: true });

    // Back to public: everyone sees the posts again.
    await data(w.owner, SET_PRIVATE, { p: false });
    expect(await postIds(w.stranger, { authorId: w.owner.id })).toEqual([w.post.id]);
    expect(await nodeId(null, w.post.id)).toBe(w.post.id);
  });

  it("keeps a private account's comments and likes on a public post visible to that post's author and to strangers", async () => {
    const w = await privateWorld('pubpost');
    const publicAuthor = w.stranger;
    const post = await createPost(stack, publicAuthor, { title: 'Open to all' });
    await data(w.owner, ADD_COMMENT, { input: { postId: post.id, body: 'from a private account' } });
    await data(w.owner, `mutation($id: ID!) { likePost(postId: $id) { userErrors { code } } }`, { id: post.id });
    const outsider = await signUp(stack);
    const VIEW = `query($id: ID!) { post(id: $id) { likeCount likes(first: 5) { nodes { user { id } } }
      comments(first: 5) { totalCount nodes { body author { id } } } } }`;
    for (const viewer of [publicAuthor, outsider]) {
      const seen = (await data(viewer, VIEW, { id: post.id })).post;
      expect(seen.comments.nodes).toEqual([{ body: 'from a private account', author: { id: w.owner.id } }]);
      expect(seen.likes.nodes).toEqual([{ user: { id: w.owner.id } }]);
    }
    // Their own posts stay hidden from the same people.
    expect(await postIds(outsider, { authorId: w.owner.id })).toEqual([]);
  });

  it('turns a follow into a request the owner approves (the follower is told) or declines', async () => {
    const w = await privateWorld('reqtag');
    const [other] = await Promise.all([signUp(stack)]);
    const asked = await act(stack, w.stranger, FOLLOW, w.owner.id);
    expect(asked.userErrors).toEqual([]);
    expect(asked.user.viewerIsFollowing).toBe(false);
    expect((await data(w.stranger, PROFILE, { u: w.owner.username })).user).toMatchObject({
      viewerFollowRequested: true,
      viewerIsFollowing: false,
      viewerCanSeePosts: false,
    });
    await act(stack, other, FOLLOW, w.owner.id);
    expect((await notificationsOf(stack, w.owner)).filter((n) => n.type === 'FOLLOW_REQUEST').map((n) => n.actor)).toEqual([
      raw(w.stranger.id),
      raw(other.id),
    ]);
    const list = (await data(w.owner, REQUESTS)).followRequests;
    expect(list.totalCount).toBe(2);
    expect(list.nodes.map((n: { id: string }) => n.id)).toEqual([other.id, w.stranger.id]);
    // Only the owner answers, and only a pending request.
    expect((await data(w.friend, APPROVE, { id: w.stranger.id })).approveFollowRequest.userErrors[0].code).toBe('NOT_FOUND');

    const approved = await data(w.owner, APPROVE, { id: w.stranger.id });
    expect(approved.approveFollowRequest).toEqual({ user: { id: w.stranger.id, followsViewer: true }, userErrors: [] });
    expect(await notificationsOf(stack, w.stranger)).toEqual([{ type: 'FOLLOW_REQUEST_APPROVED', actor: raw(w.owner.id) }]);
    expect(await postIds(w.stranger, { authorId: w.owner.id })).toEqual([w.post.id]);
    expect((await data(w.stranger, PROFILE, { u: w.owner.username })).user).toMatchObject({
      viewerIsFollowing: true,
      viewerFollowRequested: false,
      viewerCanSeePosts: true,
    });

    expect((await data(w.owner, DECLINE, { id: other.id })).declineFollowRequest.userErrors).toEqual([]);
    expect((await data(w.owner, REQUESTS)).followRequests.totalCount).toBe(0);
    expect(await postIds(other, { authorId: w.owner.id })).toEqual([]);
    expect((await data(w.owner, DECLINE, { id: other.id })).declineFollowRequest.userErrors[0].code).toBe('NOT_FOUND');

    // Unfollowing withdraws a pending request.
    await act(stack, other, FOLLOW, w.owner.id);
    await act(stack, other, UNFOLLOW, w.owner.id);
    expect((await data(w.owner, REQUESTS)).followRequests.totalCount).toBe(0);
  });

  it('lets everyone waiting follow once the account is made public again', async () => {
    const w = await privateWorld('pubtag');
    await act(stack, w.stranger, FOLLOW, w.owner.id);
    expect((await data(w.owner, REQUESTS)).followRequests.totalCount).toBe(1);
    await data(w.owner, SET_PRIVATE, { p: false });
    expect((await data(w.owner, REQUESTS)).followRequests.totalCount).toBe(0);
    expect((await data(w.stranger, PROFILE, { u: w.owner.username })).user).toMatchObject({
      viewerIsFollowing: true,
      viewerFollowRequested: false,
      followerCount: 2,
    });
  });

  it('delivers feedPostAdded to friends and approved followers, not to someone whose request is pending', async () => {
    const w = await privateWorld('livetag');
    await act(stack, w.stranger, FOLLOW, w.owner.id);
    const open = async (who: TestUser) => {
      const c = wsClient(stack, who.token);
      clients.push(c);
      const sub = subscribe(c, 'subscription { feedPostAdded { id } }');
      // The posts feature's feed topic (posts.events.ts), which only its testkit may import.
      await expect.poll(() => stack.app.pubsub.listenerCount(`feed:${raw(who.id)}`), { timeout: 5000 }).toBe(1);
      return sub;
    };
    const [ofFriend, ofFollower, ofPending] = await Promise.all([w.friend, w.follower, w.stranger].map(open));
    const post = await createPost(stack, w.owner, { title: 'Live secret' });
    expect((await ofFriend.next()).data!.feedPostAdded).toEqual({ id: post.id });
    expect((await ofFollower.next()).data!.feedPostAdded).toEqual({ id: post.id });
    await settle(300);
    expect(ofPending.events).toEqual([]);
    expect((await data(w.stranger, FEED)).feed.nodes).toEqual([]);
  });
});

describe('blocked profiles', () => {
  it('give the blocked person nothing and the blocker a bare profile with no counts, lists or posts', async () => {
    const [blocker, blocked, friendOfBoth] = await Promise.all(Array.from({ length: 3 }, () => signUp(stack)));
    await befriend(stack, blocker, friendOfBoth);
    await befriend(stack, blocked, friendOfBoth);
    await follow(stack, friendOfBoth, blocked);
    const post = await createPost(stack, blocked, { title: 'After the block' });
    await act(stack, blocker, 'mutation($id: ID!) { blockUser(userId: $id) { user { id } userErrors { code } } }', blocked.id);

    expect((await data(blocked, PROFILE, { u: blocker.username })).user).toBeNull();
    expect(await nodeId(blocked, blocker.id)).toBeNull();
    const seen = (await data(blocker, PROFILE, { u: blocked.username })).user;
    expect(seen).toMatchObject({ friendCount: 0, followerCount: 0, followingCount: 0, viewerCanSeePosts: false });
    expect(seen.followers).toEqual({ totalCount: 0, nodes: [] });
    expect(await postIds(blocker, { authorId: blocked.id })).toEqual([]);
    expect(await nodeId(blocker, post.id)).toBeNull();
  });
});

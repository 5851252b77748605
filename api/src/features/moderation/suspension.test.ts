import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../kernel/ids.js';
import { gql, settle, signUp, subscribe, wsClient, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { createPost, follow } from '../posts/posts.testkit.js';
import { ACTION, ERRORS, login, seedAdmin, setRole } from './moderation.testkit.js';

let stack: TestStack;
let admin: TestUser, moderator: TestUser, alice: TestUser, bob: TestUser;
let alicePost: { id: string };
let aliceComment: string;

const SUSPEND = `mutation($u: ID!, $r: String!, $until: DateTime) { suspendUser(userId: $u, reason: $r, until: $until) { ${ACTION} ${ERRORS} } }`;
const REINSTATE = `mutation($u: ID!) { reinstateUser(userId: $u) { ${ACTION} ${ERRORS} } }`;
const VIEW = `query($u: ID!, $p: ID!, $name: String!) {
  user(id: $u) { id accountStatus }
  node(id: $p) { id }
  post(id: $p) { id comments { nodes { id } } }
  posts(authorId: $u) { totalCount }
  searchUsers(query: $name) { nodes { id } }
}`;
const BOB_POST_COMMENTS = 'query($p: ID!) { post(id: $p) { comments { totalCount nodes { id } } } }';

async function viewOf(viewer: TestUser | null) {
  const res = await gql(stack, VIEW, { u: alice.id, p: alicePost.id, name: alice.username }, { token: viewer?.token });
  expect(res.errors).toBeUndefined();
  return {
    profile: res.data.user?.accountStatus ?? null,
    node: res.data.node !== null,
    post: res.data.post !== null,
    postCount: res.data.posts.totalCount as number,
    inSearch: (res.data.searchUsers.nodes as { id: string }[]).some((u) => u.id === alice.id),
  };
}
let bobPostId: string;
const commentsSeenBy = async (viewer: TestUser) =>
  ((await gql(stack, BOB_POST_COMMENTS, { p: bobPostId }, { token: viewer.token })).data.post.comments.nodes as { id: string }[]).map(
    (c) => c.id,
  );

beforeAll(async () => {
  stack = await startTestStack();
  [admin, moderator, alice, bob] = await Promise.all([signUp(stack), signUp(stack), signUp(stack), signUp(stack)]);
  await seedAdmin(stack, admin);
  await setRole(stack, admin, moderator, 'MODERATOR');
  alicePost = await createPost(stack, alice);
  bobPostId = (await createPost(stack, bob)).id;
  const comment = await gql(
    stack,
    `mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id } ${ERRORS} } }`,
    { input: { postId: bobPostId, body: 'hello from alice' } },
    { token: alice.token },
  );
  aliceComment = comment.data.addComment.comment.id;
  await follow(stack, bob, alice);
});

const feedOf = async (viewer: TestUser) =>
  ((await gql(stack, '{ feed { nodes { id } } }', {}, { token: viewer.token })).data.feed.nodes as { id: string }[]).map((p) => p.id);
afterAll(async () => {
  await stack?.stop();
});

describe('suspending an account', () => {
  it('before: members see alice, her post and her comment', async () => {
    expect(await viewOf(bob)).toEqual({ profile: 'ACTIVE', node: true, post: true, postCount: 1, inSearch: true });
    expect(await commentsSeenBy(bob)).toEqual([aliceComment]);
    expect(await feedOf(bob)).toContain(alicePost.id);
  });

  it('a moderator cannot suspend an admin or another moderator (userError, nothing changes)', async () => {
    for (const target of [admin, moderator]) {
      const res = await gql(stack, SUSPEND, { u: target.id, r: 'no' }, { token: moderator.token });
      expect(res.data.suspendUser).toMatchObject({ action: null, userErrors: [{ code: 'FORBIDDEN', field: ['userId'] }] });
    }
  });

  it('closes her open socket (4401), refuses her next sign-in and refresh saying until when, and logs who/what/why/when', async () => {
    const closed = new Promise<{ code: number }>((resolve) => {
      const client: Client = wsClient(stack, alice.token, { onClose: (e) => resolve(e) });
      subscribe(client, 'subscription { notificationAdded { id } }');
    });
    await settle();
    const until = new Date(Date.now() + 3 * 86_400_000);
    const before = Date.now();
    const res = await gql(stack, SUSPEND, { u: alice.id, r: 'spam links', until: until.toISOString() }, { token: moderator.token });
    expect(res.errors).toBeUndefined();
    const action = res.data.suspendUser.action;
    expect(action).toMatchObject({ type: 'SUSPEND_USER', subjectId: alice.id, moderator: { id: moderator.id } });
    expect(action.reason).toContain('spam links');
    expect(Date.parse(action.createdAt)).toBeGreaterThanOrEqual(before - 1000);

    expect((await closed).code).toBe(4401);
    // Her old access token is refused at once (the session was revoked).
    const me = await gql(stack, '{ me { id } }', {}, { token: alice.token });
    expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const signIn = await login(stack, alice.username);
    expect(signIn.accessToken).toBeNull();
    expect(signIn.userErrors[0].code).toBe('ACCOUNT_SUSPENDED');
    expect(signIn.userErrors[0].message).toContain('suspended');
    expect(signIn.userErrors[0].message).toContain(until.toISOString());

    const refresh = await gql(
      stack,
      'mutation($t: String) { refreshSession(refreshToken: $t) { accessToken userErrors { code suspendedUntil } } }',
      { t: alice.refreshToken },
    );
    // The end date is machine-readable, for the client to show in the reader's language.
    expect(refresh.data.refreshSession.userErrors[0]).toEqual({ code: 'ACCOUNT_SUSPENDED', suspendedUntil: until.toISOString() });

    const log = await gql(
      stack,
      '{ moderationLog(first: 1) { totalCount nodes { type subjectId reason moderator { id } } } }',
      {},
      { token: admin.token },
    );
    expect(log.data.moderationLog.nodes[0]).toMatchObject({ type: 'SUSPEND_USER', subjectId: alice.id, moderator: { id: moderator.id } });
  });

  it('hides her profile, post and comment from members and anonymous visitors; staff still see them', async () => {
    const hidden = { profile: null, node: false, post: false, postCount: 0, inSearch: false };
    expect(await viewOf(bob)).toEqual(hidden);
    expect(await viewOf(null)).toEqual(hidden);
    expect(await commentsSeenBy(bob)).toEqual([]);
    expect(await feedOf(bob)).not.toContain(alicePost.id);
    expect(await viewOf(moderator)).toEqual({ profile: 'SUSPENDED', node: true, post: true, postCount: 1, inSearch: true });
    expect(await commentsSeenBy(admin)).toEqual([aliceComment]);
    const list = await gql(
      stack,
      'query { adminUsers(status: SUSPENDED) { totalCount nodes { id accountStatus } } }',
      {},
      { token: moderator.token },
    );
    expect(list.data.adminUsers.nodes).toEqual([{ id: alice.id, accountStatus: 'SUSPENDED' }]);
  });

  it('reinstating restores sign-in and visibility, and is logged newest first', async () => {
    const res = await gql(stack, REINSTATE, { u: alice.id }, { token: moderator.token });
    expect(res.data.reinstateUser.action).toMatchObject({ type: 'REINSTATE_USER', subjectId: alice.id });
    expect((await login(stack, alice.username)).accessToken).toBeTruthy();
    expect(await viewOf(bob)).toEqual({ profile: 'ACTIVE', node: true, post: true, postCount: 1, inSearch: true });
    const log = await gql(stack, '{ moderationLog(first: 2) { nodes { type } } }', {}, { token: moderator.token });
    expect(log.data.moderationLog.nodes.map((n: { type: string }) => n.type)).toEqual(['REINSTATE_USER', 'SUSPEND_USER']);
  });

  it('an expired suspension counts as active again', async () => {
    const res = await gql(
      stack,
      SUSPEND,
      { u: alice.id, r: 'short one', until: new Date(Date.now() + 60_000).toISOString() },
      { token: admin.token },
    );
    expect(res.data.suspendUser.userErrors).toEqual([]);
    expect((await login(stack, alice.username)).userErrors[0].code).toBe('ACCOUNT_SUSPENDED');
    // Time passes: the end lies in the past now.
    await stack.orm.em
      .fork()
      .getConnection()
      .execute("update users set suspended_until = now() - interval '1 second' where id = ?", [fromGlobalId(alice.id, 'User')]);
    expect((await login(stack, alice.username)).accessToken).toBeTruthy();
    expect((await viewOf(bob)).profile).toBe('ACTIVE');
  });

  it('refuses a reason-less suspension or one ending in the past with a field error', async () => {
    const empty = await gql(stack, SUSPEND, { u: bob.id, r: '  ' }, { token: admin.token });
    expect(empty.data.suspendUser.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['reason'] });
    const past = await gql(stack, SUSPEND, { u: bob.id, r: 'x', until: new Date(Date.now() - 1000).toISOString() }, { token: admin.token });
    expect(past.data.suspendUser.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['until'] });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../lib/tokens.js';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { createPost } from '../posts/posts.testkit.js';
import { uploadMedia } from '../media/media.testkit.js';
import { seedAdmin } from '../moderation/moderation.testkit.js';
import { getSchema } from '../../graphql/schema.js';
import { ALL_SCOPES, CREATE, createToken, ERRORS, LIST, operationFor, REVOKE } from './access-tokens.testkit.js';

let stack: TestStack;
beforeAll(async () => {
  // A low comment limit, to see it counted per token.
  stack = await startTestStack({ RATE_LIMIT_COMMENTS: '3/600' });
});
afterAll(async () => {
  await stack?.stop();
});

const ME = '{ me { id username } }';
const COMMENT = `mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id } ${ERRORS} } }`;
const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;
const db = () => stack.orm.em.fork().getConnection();

describe('creating, listing and revoking tokens', () => {
  it('shows the secret once, keeps only its hash, and lists the token with its prefix', async () => {
    const alice = await signUp(stack);
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);
    const res = await gql(
      stack,
      CREATE,
      { input: { name: '  Class bot ', scopes: ['READ', 'WRITE_POSTS', 'READ'], expiresAt } },
      { token: alice.token },
    );
    const payload = res.data.createAccessToken;
    expect(payload.userErrors).toEqual([]);
    expect(payload.token).toMatch(/^ppe_[A-Za-z0-9_-]{43}$/);
    expect(payload.accessToken).toMatchObject({ name: 'Class bot', scopes: ['READ', 'WRITE_POSTS'], lastUsedAt: null });
    expect(payload.token.startsWith(payload.accessToken.prefix)).toBe(true);
    expect(payload.accessToken.prefix.length).toBeLessThan(16);
    expect(payload.accessToken.expiresAt).toBe(expiresAt.toISOString());

    const rows = await db().execute<{ hash: string }[]>('select * from access_tokens');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.hash).toBe(sha256(payload.token));
    expect(JSON.stringify(rows)).not.toContain(payload.token);

    const listed = (await gql(stack, LIST, {}, { token: alice.token })).data.accessTokens;
    expect(listed).toEqual([payload.accessToken]);
    // Nobody else sees it, by list or by node id.
    const bob = await signUp(stack);
    expect((await gql(stack, LIST, {}, { token: bob.token })).data.accessTokens).toEqual([]);
    const node = await gql(stack, 'query($id: ID!) { node(id: $id) { id } }', { id: payload.accessToken.id }, { token: bob.token });
    expect(node.data.node).toBeNull();
  });

  it('answers bad input with userErrors', async () => {
    const alice = await signUp(stack);
    const create = async (input: Record<string, unknown>) =>
      (await gql(stack, CREATE, { input: { name: 'bot', scopes: ['READ'], ...input } }, { token: alice.token })).data.createAccessToken;
    expect((await create({ name: '   ' })).userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'name'] })]);
    expect((await create({ scopes: [] })).userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'scopes'] })]);
    const past = await create({ expiresAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past).toMatchObject({ token: null, accessToken: null });
    expect(past.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'expiresAt'] })]);

    const unknown = await gql(
      stack,
      REVOKE,
      { id: 'QWNjZXNzVG9rZW46MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw' },
      { token: alice.token },
    );
    expect(unknown.data.revokeAccessToken.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    const bob = await signUp(stack);
    const bobs = await createToken(stack, bob, ['READ']);
    const others = await gql(stack, REVOKE, { id: bobs.id }, { token: alice.token });
    expect(others.data.revokeAccessToken.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect((await gql(stack, ME, {}, { token: bobs.secret })).data.me.id).toBe(bob.id);
  });

  it('revoking makes the next request UNAUTHENTICATED and drops it from the list', async () => {
    const alice = await signUp(stack);
    const token = await createToken(stack, alice, ['READ']);
    expect((await gql(stack, ME, {}, { token: token.secret })).data.me.id).toBe(alice.id);
    const revoked = await gql(stack, REVOKE, { id: token.id }, { token: alice.token });
    expect(revoked.data.revokeAccessToken).toEqual({ accessToken: { id: token.id }, userErrors: [] });
    const after = await gql(stack, ME, {}, { token: token.secret });
    expect(after.status).toBe(401);
    expect(code(after)).toBe('UNAUTHENTICATED');
    expect((await gql(stack, LIST, {}, { token: alice.token })).data.accessTokens).toEqual([]);
    const again = await gql(stack, REVOKE, { id: token.id }, { token: alice.token });
    expect(again.data.revokeAccessToken.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
  });

  it('an expired token is UNAUTHENTICATED', async () => {
    const alice = await signUp(stack);
    const token = await createToken(stack, alice, ['READ'], { expiresAt: new Date(Date.now() + 1500) });
    expect((await gql(stack, ME, {}, { token: token.secret })).data.me.id).toBe(alice.id);
    await new Promise((r) => setTimeout(r, 1700));
    const after = await gql(stack, ME, {}, { token: token.secret });
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.message).toContain('This access token has expired.');
    // A made-up secret is refused the same way.
    expect(code(await gql(stack, ME, {}, { token: 'ppe_not-a-real-token' }))).toBe('UNAUTHENTICATED');
  });

  it('records lastUsedAt, at most once a minute', async () => {
    const alice = await signUp(stack);
    const token = await createToken(stack, alice, ['READ']);
    expect((await gql(stack, LIST, {}, { token: alice.token })).data.accessTokens[0].lastUsedAt).toBeNull();
    await gql(stack, ME, {}, { token: token.secret });
    const first = (await gql(stack, LIST, {}, { token: alice.token })).data.accessTokens[0].lastUsedAt;
    expect(Math.abs(new Date(first).getTime() - Date.now())).toBeLessThan(10_000);
    await gql(stack, ME, {}, { token: token.secret });
    expect((await gql(stack, LIST, {}, { token: alice.token })).data.accessTokens[0].lastUsedAt).toBe(first);
    // A minute later the next use is recorded again.
    await db().execute("update access_tokens set last_used_at = now() - interval '2 minutes'");
    await gql(stack, ME, {}, { token: token.secret });
    const later = (await gql(stack, LIST, {}, { token: alice.token })).data.accessTokens[0].lastUsedAt;
    expect(Math.abs(new Date(later).getTime() - Date.now())).toBeLessThan(10_000);
  });
});

describe('scopes over HTTP', () => {
  let alice: TestUser;
  beforeAll(async () => {
    alice = await signUp(stack);
  });

  it('a READ token reads, and gets FORBIDDEN on every mutation of the schema', async () => {
    const token = await createToken(stack, alice, ['READ']);
    expect((await gql(stack, ME, {}, { token: token.secret })).data.me.id).toBe(alice.id);
    expect((await gql(stack, '{ feed(first: 5) { totalCount } }', {}, { token: token.secret })).errors).toBeUndefined();
    const mutations = Object.values((await getSchema()).getMutationType()!.getFields());
    expect(mutations.length).toBeGreaterThan(40);
    for (const field of mutations) {
      const { query, variables } = operationFor('mutation', field);
      const res = await gql(stack, query, variables, { token: token.secret });
      expect({ mutation: field.name, code: code(res), data: res.data }).toEqual({ mutation: field.name, code: 'FORBIDDEN', data: null });
    }
  });

  it('WRITE_POSTS posts, comments and likes (uploading the photo too), but may not send friend requests or read', async () => {
    const bob = await signUp(stack);
    const writer = await createToken(stack, alice, ['WRITE_POSTS']);
    const mediaId = await uploadMedia(stack, writer.secret);
    const post = await gql(
      stack,
      `mutation($input: CreatePostInput!) { createPost(input: $input) { post { id title author { id } } ${ERRORS} } }`,
      { input: { title: 'Posted by a bot', mediaIds: [mediaId] } },
      { token: writer.secret },
    );
    expect(post.data.createPost).toMatchObject({ post: { title: 'Posted by a bot', author: { id: alice.id } }, userErrors: [] });
    const postId = post.data.createPost.post.id;
    const comment = await gql(stack, COMMENT, { input: { postId, body: 'From the bot' } }, { token: writer.secret });
    expect(comment.data.addComment.userErrors).toEqual([]);
    const like = await gql(stack, `mutation($id: ID!) { likePost(postId: $id) { ${ERRORS} } }`, { id: postId }, { token: writer.secret });
    expect(like.data.likePost.userErrors).toEqual([]);

    const friend = await gql(
      stack,
      'mutation($id: ID!) { sendFriendRequest(userId: $id) { __typename } }',
      { id: bob.id },
      { token: writer.secret },
    );
    expect(code(friend)).toBe('FORBIDDEN');
    expect(friend.errors?.[0]?.message).toBe('This access token lacks the WRITE_SOCIAL scope.');
    const read = await gql(stack, ME, {}, { token: writer.secret });
    expect(read.status).toBe(403);
    expect(code(read)).toBe('FORBIDDEN');
  });

  it('WRITE_SOCIAL sends friend requests, follows and blocks', async () => {
    const [bob, carol] = [await signUp(stack), await signUp(stack)];
    const social = await createToken(stack, alice, ['WRITE_SOCIAL']);
    for (const [mutation, id] of [
      ['sendFriendRequest', bob.id],
      ['followUser', bob.id],
      ['blockUser', carol.id],
    ]) {
      const res = await gql(stack, `mutation($id: ID!) { ${mutation}(userId: $id) { ${ERRORS} } }`, { id }, { token: social.secret });
      expect({ mutation, errors: res.errors, userErrors: res.data?.[mutation!]?.userErrors }).toEqual({
        mutation,
        errors: undefined,
        userErrors: [],
      });
    }
  });

  it('CALLS is needed for joinRoom (room access)', async () => {
    const owner = await signUp(stack);
    const room = await gql(
      stack,
      `mutation { createRoom(input: { title: "Open room" }) { room { id } ${ERRORS} } }`,
      {},
      { token: owner.token },
    );
    const roomId = room.data.createRoom.room.id;
    const join = `mutation($id: ID!) { joinRoom(roomId: $id) { access { token } ${ERRORS} } }`;
    const without = await createToken(stack, alice, ['READ', 'WRITE_POSTS', 'WRITE_SOCIAL', 'SUBSCRIBE']);
    const refused = await gql(stack, join, { id: roomId }, { token: without.secret });
    expect(code(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toBe('This access token lacks the CALLS scope.');
    const calls = await createToken(stack, alice, ['CALLS']);
    const joined = await gql(stack, join, { id: roomId }, { token: calls.secret });
    expect(joined.errors).toBeUndefined();
    // With a LiveKit server the token comes back; without one the answer is UNAVAILABLE — never FORBIDDEN.
    const payload = joined.data.joinRoom;
    if (payload.userErrors.length) expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'UNAVAILABLE' })]);
    else expect(payload.access.token).toBeTruthy();
  });

  it('a token with every scope still cannot mint or list tokens, change the password, sign in or out, or use staff tools', async () => {
    const admin = await signUp(stack);
    await seedAdmin(stack, admin);
    const all = await createToken(stack, admin, ALL_SCOPES);
    const refusals = [
      [CREATE, { input: { name: 'more', scopes: ['READ'] } }],
      [LIST, {}],
      [REVOKE, { id: all.id }],
      [
        'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { __typename } }',
        { input: { currentPassword: 'correct horse battery', newPassword: 'a brand new horse' } },
      ],
      ['mutation { logout }', {}],
      ['mutation($id: ID!) { suspendUser(userId: $id, reason: "spam") { __typename } }', { id: alice.id }],
      ['{ adminStats { __typename } }', {}],
    ] as const;
    for (const [query, variables] of refusals) {
      const res = await gql(stack, query, variables, { token: all.secret });
      expect({ query, code: code(res) }).toEqual({ query, code: 'FORBIDDEN' });
    }
    // The token still works (nothing above revoked it) and the admin's session still may do all of it.
    expect((await gql(stack, ME, {}, { token: all.secret })).data.me.id).toBe(admin.id);
    expect((await gql(stack, '{ adminStats { __typename } }', {}, { token: admin.token })).errors).toBeUndefined();
  });
});

describe('rate limits per token', () => {
  it('counts each token on its own: one token over the limit leaves the other token and the session alone', async () => {
    const alice = await signUp(stack);
    const post = await createPost(stack, alice);
    const first = await createToken(stack, alice, ['WRITE_POSTS'], { name: 'first' });
    const second = await createToken(stack, alice, ['WRITE_POSTS'], { name: 'second' });
    const comment = async (token: string) =>
      (await gql(stack, COMMENT, { input: { postId: post.id, body: 'hello' } }, { token })).data.addComment.userErrors;
    for (let i = 0; i < 3; i++) expect(await comment(first.secret)).toEqual([]);
    expect(await comment(first.secret)).toEqual([expect.objectContaining({ code: 'RATE_LIMITED' })]);
    expect(await comment(second.secret)).toEqual([]);
    expect(await comment(alice.token)).toEqual([]);
  });
});

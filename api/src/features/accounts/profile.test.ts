import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../../kernel/ids.js';
import { gql, signUp } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const UPDATE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) {
  user { id displayName bio } userErrors { field message code } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken userErrors { code } } }`;

describe('updateProfile', () => {
  it('changes the display name and bio, visible to others', async () => {
    const me = await signUp(stack);
    const other = await signUp(stack);
    const res = await gql(stack, UPDATE, { input: { displayName: '  하늘 Sky ', bio: '안녕하세요!' } }, { token: me.token });
    expect(res.data.updateProfile).toEqual({ user: { id: me.id, displayName: '하늘 Sky', bio: '안녕하세요!' }, userErrors: [] });
    const seen = await gql(
      stack,
      'query($u: String) { user(username: $u) { displayName bio email } }',
      { u: me.username },
      { token: other.token },
    );
    expect(seen.data.user).toEqual({ displayName: '하늘 Sky', bio: '안녕하세요!', email: null });
  });

  it('rejects bad values field by field and changes nothing', async () => {
    const me = await signUp(stack, { displayName: 'Before' });
    const res = await gql(stack, UPDATE, { input: { displayName: '', bio: 'b'.repeat(301) } }, { token: me.token });
    expect(res.data.updateProfile.user).toBeNull();
    expect(res.data.updateProfile.userErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: ['input', 'displayName'], code: 'INVALID' }),
        expect.objectContaining({ field: ['input', 'bio'], code: 'INVALID' }),
      ]),
    );
    const after = await gql(stack, '{ me { displayName bio } }', {}, { token: me.token });
    expect(after.data.me).toEqual({ displayName: 'Before', bio: null });
  });

  it('needs the current password to change it, and revokes every other session', async () => {
    const me = await signUp(stack, { password: 'first password' });
    const otherDevice = (await gql(stack, LOGIN, { input: { login: me.username, password: 'first password' } })).data.login.accessToken;
    const missing = await gql(stack, UPDATE, { input: { newPassword: 'second password' } }, { token: me.token });
    expect(missing.data.updateProfile.userErrors[0]).toMatchObject({ field: ['input', 'currentPassword'], code: 'INVALID' });
    const wrong = await gql(
      stack,
      UPDATE,
      { input: { currentPassword: 'not it at all', newPassword: 'second password' } },
      { token: me.token },
    );
    expect(wrong.data.updateProfile.userErrors[0]).toMatchObject({ field: ['input', 'currentPassword'] });
    const short = await gql(stack, UPDATE, { input: { currentPassword: 'first password', newPassword: 'short' } }, { token: me.token });
    expect(short.data.updateProfile.userErrors[0]).toMatchObject({ field: ['input', 'newPassword'] });

    const ok = await gql(
      stack,
      UPDATE,
      { input: { currentPassword: 'first password', newPassword: 'second password' } },
      { token: me.token },
    );
    expect(ok.data.updateProfile.userErrors).toEqual([]);
    expect((await gql(stack, '{ me { id } }', {}, { token: me.token })).data.me.id).toBe(me.id);
    expect((await gql(stack, '{ me { id } }', {}, { token: otherDevice })).status).toBe(401);
    expect((await gql(stack, LOGIN, { input: { login: me.username, password: 'first password' } })).data.login.accessToken).toBeNull();
    expect((await gql(stack, LOGIN, { input: { login: me.username, password: 'second password' } })).data.login.accessToken).toBeTruthy();
  });

  it('refuses an avatar id that is not a media id or names no media, with the other field errors', async () => {
    const me = await signUp(stack);
    const bad = await gql(stack, UPDATE, { input: { displayName: '', avatarId: me.id } }, { token: me.token });
    expect(bad.data.updateProfile.userErrors).toEqual([
      { field: ['input', 'displayName'], message: 'Display name must be 1–50 characters.', code: 'INVALID' },
      { field: ['input', 'avatarId'], message: 'That is not a media id.', code: 'INVALID' },
    ]);
    const missing = await gql(stack, UPDATE, { input: { avatarId: toGlobalId('Media', randomUUID()) } }, { token: me.token });
    expect(missing.data.updateProfile.userErrors).toEqual([{ field: ['input', 'avatarId'], message: 'No such media.', code: 'NOT_FOUND' }]);
    const cleared = await gql(stack, UPDATE, { input: { avatarId: null } }, { token: me.token });
    expect(cleared.data.updateProfile.userErrors).toEqual([]);
  });

  it('requires sign-in', async () => {
    const res = await gql(stack, UPDATE, { input: { bio: 'x' } });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('finding people', () => {
  it('searches username and display name by substring, Korean included, with paging', async () => {
    await signUp(stack, { username: 'minjun_kim', displayName: '김민준' });
    await signUp(stack, { username: 'seoyeon', displayName: '이서연' });
    await signUp(stack, { username: 'minji_park', displayName: '박민지' });
    const korean = await gql(stack, '{ searchUsers(query: "민준") { nodes { username displayName } totalCount } }');
    expect(korean.data.searchUsers).toEqual({ nodes: [{ username: 'minjun_kim', displayName: '김민준' }], totalCount: 1 });
    const byName = await gql(stack, '{ searchUsers(query: "MIN", first: 1) { nodes { username } pageInfo { hasNextPage endCursor } } }');
    expect(byName.data.searchUsers.nodes).toEqual([{ username: 'minji_park' }]);
    expect(byName.data.searchUsers.pageInfo.hasNextPage).toBe(true);
    const next = await gql(
      stack,
      'query($a: String) { searchUsers(query: "min", first: 5, after: $a) { nodes { username } pageInfo { hasNextPage } } }',
      { a: byName.data.searchUsers.pageInfo.endCursor },
    );
    expect(next.data.searchUsers).toEqual({ nodes: [{ username: 'minjun_kim' }], pageInfo: { hasNextPage: false } });
    const wildcard = await gql(stack, '{ searchUsers(query: "%") { totalCount } }');
    expect(wildcard.data.searchUsers.totalCount).toBe(0);
  });

  it('resolves users by id, username and node(id); unknown or malformed ids give null', async () => {
    const u = await signUp(stack, { username: 'node_user' });
    const res = await gql(
      stack,
      `query($id: ID!) { byId: user(id: $id) { username } byName: user(username: "NODE_USER") { id }
      node(id: $id) { id ... on User { username } } bad: user(id: "garbage") { id } nobody: user(username: "nobody_x") { id } }`,
      { id: u.id },
    );
    expect(res.data).toEqual({
      byId: { username: 'node_user' },
      byName: { id: u.id },
      node: { id: u.id, username: 'node_user' },
      bad: null,
      nobody: null,
    });
  });

  it('shows e-mail only to its owner', async () => {
    const u = await signUp(stack, { username: 'private_mail' });
    expect((await gql(stack, '{ me { email } }', {}, { token: u.token })).data.me.email).toBe('private_mail@example.com');
    expect((await gql(stack, '{ user(username: "private_mail") { email } }')).data.user.email).toBeNull();
  });
});

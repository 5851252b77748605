import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { seedAdmin, setRole } from './moderation.testkit.js';

let stack: TestStack;
let admin: TestUser, moderator: TestUser, member: TestUser;
beforeAll(async () => {
  stack = await startTestStack();
  [admin, moderator, member] = await Promise.all([signUp(stack), signUp(stack), signUp(stack)]);
  await seedAdmin(stack, admin);
});
afterAll(async () => {
  await stack?.stop();
});

const roleSeenBy = async (viewer: TestUser | null, user: TestUser) =>
  (await gql(stack, 'query($u: ID!) { user(id: $u) { role } }', { u: user.id }, { token: viewer?.token })).data.user.role;

describe('roles', () => {
  it('an admin makes a moderator; the change is logged as SET_ROLE by that admin', async () => {
    const payload = await setRole(stack, admin, moderator, 'MODERATOR');
    expect(payload.userErrors).toEqual([]);
    expect(payload.action).toMatchObject({
      type: 'SET_ROLE',
      subjectId: moderator.id,
      moderator: { id: admin.id },
      reason: 'USER → MODERATOR',
    });
  });

  it('the real role is seen by the user themself and by staff; anyone else sees MEMBER', async () => {
    expect(await roleSeenBy(moderator, moderator)).toBe('MODERATOR');
    expect(await roleSeenBy(admin, moderator)).toBe('MODERATOR');
    expect(await roleSeenBy(moderator, admin)).toBe('ADMIN');
    expect(await roleSeenBy(member, moderator)).toBe('MEMBER');
    expect(await roleSeenBy(member, admin)).toBe('MEMBER');
    expect(await roleSeenBy(null, admin)).toBe('MEMBER');
  });

  it('a moderator cannot change roles (FORBIDDEN), nor can a member', async () => {
    for (const who of [moderator, member]) {
      const res = await gql(
        stack,
        'mutation($u: ID!) { setUserRole(userId: $u, role: ADMIN) { userErrors { code } } }',
        { u: who.id },
        { token: who.token },
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await roleSeenBy(admin, member)).toBe('MEMBER');
  });

  it('the last admin cannot demote themself; with a second admin they can', async () => {
    const alone = await setRole(stack, admin, admin, 'MODERATOR');
    expect(alone).toMatchObject({ action: null, userErrors: [{ code: 'CONFLICT', field: ['role'] }] });
    expect(alone.userErrors[0].message).toContain('last admin');
    expect(await roleSeenBy(admin, admin)).toBe('ADMIN');

    expect((await setRole(stack, admin, member, 'ADMIN')).userErrors).toEqual([]);
    expect((await setRole(stack, admin, admin, 'MEMBER')).userErrors).toEqual([]);
    // The demoted admin's next request already runs as a member (the role is read with the session).
    const res = await gql(stack, '{ adminStats { users } }', {}, { token: admin.token });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an unknown user is a NOT_FOUND userError', async () => {
    const ghost = { ...member, id: Buffer.from('User:00000000-0000-4000-8000-000000000000').toString('base64url') };
    expect((await setRole(stack, member, ghost, 'MODERATOR')).userErrors[0]).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('adminUsers finds by name, username or e-mail and filters by role; adminStats counts', async () => {
    const byEmail = await gql(
      stack,
      'query($q: String) { adminUsers(query: $q) { totalCount nodes { id } } }',
      { q: `${moderator.username}@EXAMPLE` },
      { token: member.token },
    );
    expect(byEmail.data.adminUsers.nodes).toEqual([{ id: moderator.id }]);
    const mods = await gql(stack, '{ adminUsers(role: MODERATOR) { nodes { id role } } }', {}, { token: member.token });
    expect(mods.data.adminUsers.nodes).toEqual([{ id: moderator.id, role: 'MODERATOR' }]);
    const stats = await gql(
      stack,
      '{ adminStats { users newUsersToday activeUsersToday postsToday callsToday liveRooms participantsLive openReports } }',
      {},
      { token: moderator.token },
    );
    expect(stats.data.adminStats).toMatchObject({ users: 3, newUsersToday: 3, activeUsersToday: 3, postsToday: 0, liveRooms: 0 });
  });
});

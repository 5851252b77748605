/** Shared by the moderation test files: staff set-up and documents. */
import { fromGlobalId } from '../../kernel/ids.js';
import { gql, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';

export const PASSWORD = 'correct horse battery';
export const ERRORS = 'userErrors { code field message }';
export const ACTION = 'action { id type reason createdAt subjectId moderator { id username } }';

/**
 * Makes `user` an admin the way a fresh install gets its first one: outside the API (the CLI does this in
 * production; cli.test.ts checks the CLI itself). The role is read with every session check, so tokens keep working.
 */
export async function seedAdmin(stack: TestStack, user: TestUser): Promise<void> {
  await stack.orm.em
    .fork()
    .getConnection()
    .execute("update users set role = 'ADMIN' where id = ?", [fromGlobalId(user.id, 'User')]);
}

export async function setRole(stack: TestStack, admin: TestUser, user: TestUser, role: 'MEMBER' | 'MODERATOR' | 'ADMIN') {
  const res = await gql(
    stack,
    `mutation($u: ID!, $r: Role!) { setUserRole(userId: $u, role: $r) { ${ACTION} ${ERRORS} } }`,
    { u: user.id, r: role },
    { token: admin.token },
  );
  return res.data?.setUserRole ?? res;
}

export async function login(stack: TestStack, username: string) {
  const res = await gql(stack, `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken ${ERRORS} } }`, {
    input: { login: username, password: PASSWORD },
  });
  return res.data.login as { accessToken: string | null; refreshToken: string | null; userErrors: { code: string; message: string }[] };
}

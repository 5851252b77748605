/** Shared by the moderation tests: staff set-up (the first ADMIN comes from the command line; tests write the role). */
import { fromGlobalId } from '../../kernel/ids.js';
import { afterAll, beforeAll } from 'vitest';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { befriend } from '../posts/posts.testkit.js';

export async function makeStaff(stack: TestStack, who: TestUser, role: 'MODERATOR' | 'ADMIN' = 'MODERATOR'): Promise<TestUser> {
  await stack.orm.em
    .fork()
    .getConnection()
    .execute('update users set role = ? where id = ?', [role, fromGlobalId(who.id, 'User')]);
  return who;
}

export const as = (stack: TestStack, who: TestUser, document: string, variables: Record<string, unknown> = {}) =>
  gql(stack, document, variables, { token: who.token });

const ERRORS = 'userErrors { code field message }';
export const REPORT = `mutation($input: ReportInput!) { reportContent(input: $input) { report { id status reason comment reporter { id }
  subject { __typename ... on Post { id } ... on User { id } ... on Comment { id } ... on FacechatRoom { id } ... on ChatMessage { id } } } ${ERRORS} } }`;
export const REPORTS = `query($status: ReportStatus, $first: Int, $after: String) { reports(status: $status, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } nodes { id status reason comment duplicateCount resolution resolvedAt
  reporter { id } resolvedBy { id } subject { __typename ... on Post { id title } ... on User { id } } } } }`;
export const RESOLVE = `mutation($id: ID!, $status: ReportStatus!, $resolution: String) {
  resolveReport(reportId: $id, status: $status, resolution: $resolution) { report { id status resolution resolvedBy { id } } ${ERRORS} } }`;
export const LOG = `query { moderationLog(first: 100) { nodes { type subjectId reason moderator { id } } } }`;
export const REMOVE = `mutation($id: ID!, $reason: String!) { removeContent(subjectId: $id, reason: $reason) { action { id type subjectId reason } ${ERRORS} } }`;
export const RESTORE = `mutation($id: ID!) { restoreContent(subjectId: $id) { action { id type subjectId } ${ERRORS} } }`;
export const END_ROOM = `mutation($id: ID!, $reason: String!) { endRoom(roomId: $id, reason: $reason) { action { id type subjectId reason } ${ERRORS} } }`;

export interface RemovalCast {
  stack: TestStack;
  author: TestUser;
  /** The author's friend: sees their posts. */
  member: TestUser;
  mod: TestUser;
}

/** One file's stack with an author, a friend of theirs and a moderator (started before its tests, stopped after). */
export function useRemovalCast(env: Record<string, string> = {}): RemovalCast {
  const cast = {} as RemovalCast;
  beforeAll(async () => {
    cast.stack = await startTestStack(env);
    [cast.author, cast.member, cast.mod] = [await signUp(cast.stack), await signUp(cast.stack), await signUp(cast.stack)];
    await makeStaff(cast.stack, cast.mod);
    await befriend(cast.stack, cast.author, cast.member);
  });
  afterAll(async () => {
    await cast.stack?.stop();
  });
  return cast;
}

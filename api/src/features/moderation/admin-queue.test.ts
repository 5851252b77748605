import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { createRoom, presence, WEBHOOKS_ENV } from '../facechat/facechat.testkit.js';
import { createPost } from '../posts/posts.testkit.js';
import { as, makeStaff, REMOVE, REPORT } from './reports.testkit.js';

/** The staff console's dashboard chart, grouped report queue, chat context and log filters. */
let stack: TestStack;
let author: TestUser;
let reporterA: TestUser;
let reporterB: TestUser;
let mod: TestUser;

beforeAll(async () => {
  stack = await startTestStack(WEBHOOKS_ENV);
  [author, reporterA, reporterB, mod] = [await signUp(stack), await signUp(stack), await signUp(stack), await signUp(stack)];
  await makeStaff(stack, mod);
});
afterAll(async () => {
  await stack?.stop();
});

const DAILY = 'query($days: Int) { adminDailyStats(days: $days) { day newUsers activeUsers posts calls reports } }';
const GROUPS = `query($status: ReportStatus, $first: Int, $after: String) { reportGroups(status: $status, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { subjectId reportCount reasons firstReportedAt lastReportedAt subject { __typename ... on Post { id } }
          reports { id reason reporter { id } } } } }`;
const CONTEXT = `query($id: ID!, $before: Int, $after: Int) { chatMessageContext(messageId: $id, before: $before, after: $after) { id body removedAt } }`;
const SEND = 'mutation($id: ID!, $body: String!) { sendChatMessage(roomId: $id, body: $body) { message { id } userErrors { code } } }';
const LOG = `query($type: ModerationActionType, $subjectId: ID, $moderatorId: ID) {
  moderationLog(type: $type, subjectId: $subjectId, moderatorId: $moderatorId) { totalCount nodes { type subjectId } } }`;
const REPORTS_ABOUT = 'query($id: ID) { reports(subjectId: $id) { totalCount nodes { id reason } } }';
const USER_FIELDS = 'query($id: ID!) { user(id: $id) { openReportCount lastActiveAt suspendedUntil } }';
const errorCode = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
const todayUtc = () => new Date().toISOString().slice(0, 10);

describe('adminDailyStats', () => {
  it('has one row per day ending today, with today counting what happened today', async () => {
    const before = (await as(stack, mod, DAILY, { days: 7 })).data.adminDailyStats;
    expect(before).toHaveLength(7);
    expect(before.at(-1).day).toBe(todayUtc());
    const days = before.map((r: { day: string }) => r.day);
    expect([...days].sort()).toEqual(days);
    await signUp(stack);
    await createPost(stack, author, { title: 'counted' });
    await createPost(stack, author, { title: 'counted too' });
    const post = await createPost(stack, author, { title: 'reported' });
    expect((await as(stack, reporterA, REPORT, { input: { subjectId: post.id, reason: 'SPAM' } })).data.reportContent.userErrors).toEqual(
      [],
    );

    const after = (await as(stack, mod, DAILY, { days: 7 })).data.adminDailyStats;
    const [then, now] = [before.at(-1), after.at(-1)];
    expect(now.newUsers - then.newUsers).toBe(1);
    expect(now.posts - then.posts).toBe(3);
    expect(now.reports - then.reports).toBe(1);
    expect(now.activeUsers).toBeGreaterThanOrEqual(5);
    expect(now.calls).toBe(0);
    expect((await as(stack, mod, DAILY, {})).data.adminDailyStats).toHaveLength(30);
  });

  it('refuses days outside 1–90 and members', async () => {
    for (const days of [0, 91, -3]) expect(errorCode(await as(stack, mod, DAILY, { days }))).toBe('BAD_USER_INPUT');
    expect((await as(stack, mod, DAILY, { days: 90 })).data.adminDailyStats).toHaveLength(90);
    expect(errorCode(await as(stack, author, DAILY, {}))).toBe('FORBIDDEN');
  });
});

describe('reportGroups', () => {
  it('groups two reporters’ reports about one post into one group with both reasons', async () => {
    const post = await createPost(stack, author, { title: 'reported twice' });
    const report = (who: TestUser, reason: string) => as(stack, who, REPORT, { input: { subjectId: post.id, reason } });
    expect((await report(reporterA, 'SPAM')).data.reportContent.userErrors).toEqual([]);
    expect((await report(reporterB, 'HARASSMENT')).data.reportContent.userErrors).toEqual([]);

    const groups = (await as(stack, mod, GROUPS, { first: 100 })).data.reportGroups;
    const group = groups.nodes.find((g: { subjectId: string }) => g.subjectId === post.id);
    expect(group).toMatchObject({ reportCount: 2, subject: { __typename: 'Post', id: post.id } });
    expect(group.reasons).toEqual(['HARASSMENT', 'SPAM']);
    expect(group.reports.map((r: { reporter: { id: string } }) => r.reporter.id)).toEqual([reporterB.id, reporterA.id]);
    expect(Date.parse(group.lastReportedAt)).toBeGreaterThanOrEqual(Date.parse(group.firstReportedAt));
    expect(groups.totalCount).toBe(groups.nodes.length);
    // Oldest first, and in pages.
    const firsts = groups.nodes.map((g: { firstReportedAt: string }) => g.firstReportedAt);
    expect([...firsts].sort()).toEqual(firsts);
    const page = (await as(stack, mod, GROUPS, { first: 1 })).data.reportGroups;
    const rest = (await as(stack, mod, GROUPS, { first: 100, after: page.pageInfo.endCursor })).data.reportGroups;
    expect([...page.nodes, ...rest.nodes].map((g: { subjectId: string }) => g.subjectId)).toEqual(
      groups.nodes.map((g: { subjectId: string }) => g.subjectId),
    );
    expect((await as(stack, mod, GROUPS, { status: 'RESOLVED' })).data.reportGroups.totalCount).toBe(0);

    // The reports of one subject, and the open reports about a user.
    expect((await as(stack, mod, REPORTS_ABOUT, { id: post.id })).data.reports.totalCount).toBe(2);
    expect((await as(stack, reporterA, REPORT, { input: { subjectId: author.id, reason: 'SPAM' } })).data.reportContent.userErrors).toEqual(
      [],
    );
    const staffView = (await as(stack, mod, USER_FIELDS, { id: author.id })).data.user;
    expect(staffView.openReportCount).toBe(1);
    expect(Date.parse(staffView.lastActiveAt)).toBeGreaterThan(Date.now() - 300_000);
    expect((await as(stack, reporterB, USER_FIELDS, { id: author.id })).data.user).toEqual({
      openReportCount: null,
      lastActiveAt: null,
      suspendedUntil: null,
    });
    expect(errorCode(await as(stack, author, GROUPS, {}))).toBe('FORBIDDEN');
    expect(errorCode(await as(stack, mod, GROUPS, { first: 101 }))).toBe('BAD_USER_INPUT');
  });
});

describe('staff-only user fields', () => {
  it('shows staff when a suspension ends; members see null', async () => {
    const target = await signUp(stack);
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const suspend =
      'mutation($u: ID!, $until: DateTime) { suspendUser(userId: $u, reason: "spam", until: $until) { userErrors { code } } }';
    expect((await as(stack, mod, suspend, { u: target.id, until })).data.suspendUser.userErrors).toEqual([]);
    expect((await as(stack, mod, USER_FIELDS, { id: target.id })).data.user).toMatchObject({ suspendedUntil: until, openReportCount: 0 });
    // Members do not see suspended users at all.
    expect((await as(stack, author, USER_FIELDS, { id: target.id })).data.user).toBeNull();
  });
});

describe('chatMessageContext and moderationLog filters', () => {
  it('returns a message with its neighbours in order, removed ones included', async () => {
    const room = await createRoom(stack, author);
    await presence(stack, 'participant_joined', room.id, author); // connected per LiveKit: a participant may chat
    const live = 'query($id: ID) { adminRooms(state: LIVE, ownerId: $id) { nodes { id } } }';
    expect((await as(stack, mod, live, { id: author.id })).data.adminRooms.nodes).toEqual([{ id: room.id }]);
    const sent: string[] = [];
    for (const body of ['one', 'two', 'three', 'four', 'five']) {
      const res = await as(stack, author, SEND, { id: room.id, body });
      expect(res.data.sendChatMessage.userErrors).toEqual([]);
      sent.push(res.data.sendChatMessage.message.id);
    }
    expect((await as(stack, mod, REMOVE, { id: sent[1], reason: 'rude' })).data.removeContent.userErrors).toEqual([]);

    const around = (await as(stack, mod, CONTEXT, { id: sent[2], before: 1, after: 1 })).data.chatMessageContext;
    expect(around.map((m: { body: string }) => m.body)).toEqual(['two', 'three', 'four']);
    expect(around[0].removedAt).not.toBeNull();
    const all = (await as(stack, mod, CONTEXT, { id: sent[0] })).data.chatMessageContext;
    expect(all.map((m: { id: string }) => m.id)).toEqual(sent);
    expect(errorCode(await as(stack, mod, CONTEXT, { id: sent[0], before: 21 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await as(stack, mod, CONTEXT, { id: room.id }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await as(stack, author, CONTEXT, { id: sent[0] }))).toBe('FORBIDDEN');

    // The log, filtered by type and by subject.
    const removals = (await as(stack, mod, LOG, { type: 'REMOVE_CONTENT' })).data.moderationLog;
    expect(removals.nodes.every((n: { type: string }) => n.type === 'REMOVE_CONTENT')).toBe(true);
    expect(removals.nodes.map((n: { subjectId: string }) => n.subjectId)).toContain(sent[1]);
    const aboutMessage = (await as(stack, mod, LOG, { subjectId: sent[1] })).data.moderationLog;
    expect(aboutMessage).toEqual({ totalCount: 1, nodes: [{ type: 'REMOVE_CONTENT', subjectId: sent[1] }] });
    expect((await as(stack, mod, LOG, { type: 'SET_ROLE', subjectId: sent[1] })).data.moderationLog.totalCount).toBe(0);
    expect((await as(stack, mod, LOG, { moderatorId: author.id })).data.moderationLog.totalCount).toBe(0);
  });
});

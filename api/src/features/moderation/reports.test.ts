import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, subscribe, wsClient, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { block, createPost } from '../posts/posts.testkit.js';
import { as, LOG, makeStaff, REPORT, REPORTS, RESOLVE } from './reports.testkit.js';

let stack: TestStack;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let mod: TestUser;
beforeAll(async () => {
  stack = await startTestStack({ RATE_LIMIT_REPORTS: '3/3600' });
  [alice, bob, carol, mod] = [await signUp(stack), await signUp(stack), await signUp(stack), await signUp(stack)];
  await makeStaff(stack, mod);
});
afterAll(async () => {
  await stack?.stop();
});

const report = (who: TestUser, subjectId: string, extra: Record<string, unknown> = {}) =>
  as(stack, who, REPORT, { input: { subjectId, reason: 'SPAM', ...extra } });
const INBOX = 'query { notifications(first: 20) { nodes { type actor { id } post { id } comment { id } } } }';

describe('reports', () => {
  it('files one open report per reporter and subject; staff see the queue oldest first with duplicates counted', async () => {
    const post = await createPost(stack, alice, { title: 'spammy' });
    const first = await report(bob, post.id, { comment: ' buy now links ' });
    expect(first.data.reportContent.userErrors).toEqual([]);
    expect(first.data.reportContent.report).toMatchObject({ status: 'OPEN', reason: 'SPAM', comment: 'buy now links', reporter: null });
    expect(first.data.reportContent.report.subject).toEqual({ __typename: 'Post', id: post.id });

    const again = await report(bob, post.id, { reason: 'HATE' });
    expect(again.data.reportContent).toMatchObject({ report: null, userErrors: [{ code: 'CONFLICT', field: ['input', 'subjectId'] }] });
    await report(carol, post.id, { reason: 'HATE' });

    const queue = (await as(stack, mod, REPORTS, { status: 'OPEN' })).data.reports;
    const mine = queue.nodes.filter((n: { subject: { id: string } | null }) => n.subject?.id === post.id);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ reporter: { id: bob.id }, duplicateCount: 1, subject: { __typename: 'Post', title: 'spammy' } });
    expect(mine[1].reporter.id).toBe(carol.id);

    const stats = (await as(stack, mod, 'query { adminStats { openReports } }')).data.adminStats;
    expect(stats.openReports).toBe(queue.totalCount);
    expect(queue.totalCount).toBeGreaterThanOrEqual(2);

    const forbidden = await as(stack, alice, REPORTS);
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(forbidden.data).toBeNull();
  });

  it('answers NOT_FOUND for what the reporter cannot see, and a comment over 1,000 characters is INVALID', async () => {
    const hidden = await createPost(stack, carol);
    await block(stack, carol, alice);
    const res = await report(alice, hidden.id);
    expect(res.data.reportContent).toMatchObject({ report: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'subjectId'] }] });
    const bogus = await report(alice, 'not-an-id');
    expect(bogus.data.reportContent.userErrors[0].code).toBe('NOT_FOUND');
    const long = await report(alice, bob.id, { comment: 'x'.repeat(1001) });
    expect(long.data.reportContent.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'comment'] });
  });

  it('tells the reporter it was handled without saying what happened, and logs the decision', async () => {
    const reporter = await signUp(stack);
    const post = await createPost(stack, alice);
    const filed = (await report(reporter, post.id, { reason: 'HARASSMENT' })).data.reportContent.report;
    const resolved = await as(stack, mod, RESOLVE, { id: filed.id, status: 'RESOLVED', resolution: 'Removed and warned' });
    expect(resolved.data.resolveReport).toMatchObject({
      userErrors: [],
      report: { status: 'RESOLVED', resolution: 'Removed and warned', resolvedBy: { id: mod.id } },
    });
    const twice = await as(stack, mod, RESOLVE, { id: filed.id, status: 'DISMISSED' });
    expect(twice.data.resolveReport.userErrors[0].code).toBe('NOT_FOUND');

    const inbox = (await as(stack, reporter, INBOX)).data.notifications.nodes;
    expect(inbox).toEqual([{ type: 'REPORT_RESOLVED', actor: null, post: null, comment: null }]);
    // The reporter may look at their own report, but neither who handled it nor what they wrote.
    const own = await as(stack, reporter, `query($id: ID!) { node(id: $id) { ... on Report { status resolution resolvedBy { id } } } }`, {
      id: filed.id,
    });
    expect(own.data.node).toMatchObject({ status: 'RESOLVED', resolvedBy: null });

    const memberResolve = await as(stack, alice, RESOLVE, { id: filed.id, status: 'DISMISSED' });
    expect(memberResolve.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const log = (await as(stack, mod, LOG)).data.moderationLog.nodes;
    expect(log).toContainEqual({ type: 'RESOLVE_REPORT', subjectId: filed.id, reason: 'Removed and warned', moderator: { id: mod.id } });
  });

  it('pushes new reports live to staff sockets and refuses the subscription to members', async () => {
    const staffSocket = wsClient(stack, mod.token);
    const memberSocket = wsClient(stack, alice.token);
    try {
      const live = subscribe(staffSocket, 'subscription { reportAdded { id reason reporter { id } subject { __typename } } }');
      const refused = subscribe(memberSocket, 'subscription { reportAdded { id } }');
      await new Promise((r) => setTimeout(r, 300));
      const post = await createPost(stack, bob);
      const filed = (await report(carol, post.id, { reason: 'VIOLENCE' })).data.reportContent.report;
      const event = await live.next(5000);
      expect(event.data?.reportAdded).toEqual({
        id: filed.id,
        reason: 'VIOLENCE',
        reporter: { id: carol.id },
        subject: { __typename: 'Post' },
      });
      const denied = await refused.next(2000);
      expect(denied.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    } finally {
      await staffSocket.dispose();
      await memberSocket.dispose();
    }
  });

  it('limits how many reports one user files (RATE_LIMIT_REPORTS)', async () => {
    const eager = await signUp(stack);
    const targets = [await signUp(stack), await signUp(stack), await signUp(stack), await signUp(stack)];
    for (const target of targets.slice(0, 3)) expect((await report(eager, target.id)).data.reportContent.userErrors).toEqual([]);
    const over = await report(eager, targets[3].id);
    expect(over.data.reportContent.userErrors[0]).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await gql(stack, REPORTS, { status: 'OPEN', first: 100 }, { token: mod.token })).data.reports.nodes).not.toContainEqual(
      expect.objectContaining({ subject: { __typename: 'User', id: targets[3].id } }),
    );
  });
});

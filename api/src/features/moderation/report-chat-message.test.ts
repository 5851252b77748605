import { beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { ACCEPT_CALL, as, befriend, livekit, START_CALL, useStack } from '../facechat/facechat.testkit.js';
import { seedAdmin } from './moderation.testkit.js';

const t = useStack();
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const SEND = 'mutation($id: ID!, $body: String!) { sendChatMessage(roomId: $id, body: $body) { message { id } userErrors { code } } }';
const REPORT = `mutation($id: ID!) { reportContent(input: { subjectId: $id, reason: SPAM }) { report { id } userErrors { code } } }`;
const REPORTS = '{ reports(status: OPEN, first: 5) { nodes { reason subject { __typename ... on ChatMessage { id body } } } } }';
const NODE = 'query($id: ID!) { node(id: $id) { id } }';

describe.skipIf(!livekit)('a report of a chat message in a private call', () => {
  it('names the message as its subject for staff; members outside the call still cannot load it', async () => {
    const [admin, caller, callee, outsider] = await t.users(4);
    await seedAdmin(stack, admin);
    await befriend(stack, caller, callee);
    const started = await as(stack, caller, START_CALL, { ids: [callee.id] });
    expect((await as(stack, callee, ACCEPT_CALL, { id: started.call.id })).userErrors).toEqual([]);
    const sent = await gql(stack, SEND, { id: started.call.room.id, body: 'buy my watches' }, { token: callee.token });
    const messageId = sent.data.sendChatMessage.message.id;

    expect((await gql(stack, REPORT, { id: messageId }, { token: caller.token })).data.reportContent.userErrors).toEqual([]);
    const reports = await gql(stack, REPORTS, {}, { token: admin.token });
    expect(reports.data.reports.nodes).toEqual([
      { reason: 'SPAM', subject: { __typename: 'ChatMessage', id: messageId, body: 'buy my watches' } },
    ]);
    expect((await gql(stack, NODE, { id: messageId }, { token: outsider.token })).data.node).toBeNull();
  });
});

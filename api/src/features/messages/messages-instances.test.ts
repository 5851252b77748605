import { describe, expect, it } from 'vitest';
import { settle, signUp, subscribe, wsClient } from '../../test/client.js';
import { testRedisUrl, useTwoInstances } from '../../test/two-instances.js';
import { as, befriend } from '../facechat/facechat.testkit.js';
import { MARK_READ, MESSAGE_ADDED, READ, SET_TYPING, sendText, startWith, TYPING } from './messages.testkit.js';

/** Two API instances on one database and one real Redis: the socket is on one, the action happens on the other. */
describe.skipIf(!testRedisUrl)('direct messages across instances (Redis)', () => {
  const instances = useTwoInstances();

  it('a message, a read mark and typing made through instance 1 reach a socket on instance 2', async () => {
    const { one, two } = instances;
    const ann = await signUp(one);
    const bob = await signUp(one);
    await befriend(one, ann, bob);
    const { id } = await startWith(one, ann, [bob]);
    const bobsSocket = wsClient(two, bob.token);
    const annsSocket = wsClient(two, ann.token);
    const messages = subscribe(bobsSocket, MESSAGE_ADDED, {});
    const typing = subscribe(bobsSocket, TYPING, { id });
    const reads = subscribe(annsSocket, READ, { id });
    await settle(500);

    await as(one, ann, SET_TYPING, { input: { conversationId: id, typing: true } });
    expect((await typing.next(5000)).data!.typing).toMatchObject({ user: { id: ann.id }, typing: true });
    const sent = await sendText(one, ann, id, 'over Redis');
    expect((await messages.next(5000)).data!.directMessageAdded).toMatchObject({ id: sent.id, body: 'over Redis' });
    // Ann's own mark moved with her message; then Bob reads it.
    expect((await reads.next(5000)).data!.conversationRead).toMatchObject({ user: { id: ann.id } });
    await as(one, bob, MARK_READ, { input: { conversationId: id } });
    expect((await reads.next(5000)).data!.conversationRead).toMatchObject({ user: { id: bob.id }, lastReadMessageId: sent.id });
    await Promise.all([bobsSocket.dispose(), annsSocket.dispose()]);
  });
});

/**
 * Issue 14, direct messages, in Chromium against the real API and the built client: two friends in two browser
 * profiles. Alice (desktop) writes to Bob (a phone) from /messages/to/<id>; the conversation shows up live in Bob's
 * list with his header badge at 1; opening it clears the badge and Alice sees "Seen"; typing shows on the other
 * side; a failed send says "Not sent · Retry" and goes on a retry; the thread fits a 390 px phone. Also: earlier
 * messages load on scrolling up without moving the view, a declined call shows as a line, and a named group with a
 * photo gets "Seen by 2". Build the client first; LiveKit is needed (the call test rings).
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { as as call, DECLINE_CALL, START_CALL } from '../api/src/features/facechat/facechat.testkit';
import { befriend } from '../api/src/features/posts/posts.testkit';
import { callContext, fakeMediaFlags } from '../bench/lib/call/pages.js';
import { gql, signUp, type TestUser } from '../api/src/test/client';
import { evidence, horizontalOverflow, settled } from './lib/layout';
import { subscriptionMessageSent, useBrowserSuite } from './lib/suite';

// Calls ring in the browser (the call-event test): LiveKit and a fake camera.
const suite = useBrowserSuite({ livekit: true, chromiumArgs: fakeMediaFlags(15) });
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

describe('direct messages', () => {
  it(
    'a message arrives live with the badge; reading it clears the badge and shows “Seen”; typing shows',
    { timeout: 120_000 },
    async () => {
      const alice = await signUp(suite.stack, { displayName: 'Alice Writer' });
      const bob = await signUp(suite.stack, { displayName: 'Bob Reader' });
      await befriend(suite.stack, alice, bob);

      const bobSide = await suite.signedIn(bob, { viewport: PHONE, ready: (p) => subscriptionMessageSent(p, 'directMessageAdded') });
      const bobPage = bobSide.page;
      await bobPage.getByTestId('nav-messages').click();
      await bobPage.getByTestId('conversations-empty').waitFor();
      expect(await bobPage.getByTestId('conversations-empty').textContent()).toContain('No messages yet — start one');
      expect(await bobPage.getByTestId('nav-messages-count').count()).toBe(0);

      let aliceTyping: Promise<void> | undefined;
      const aliceSide = await suite.signedIn(alice, {
        viewport: DESKTOP,
        ready: (p) => {
          aliceTyping = subscriptionMessageSent(p, 'ConversationTyping');
          return Promise.resolve();
        },
      });
      const alicePage = aliceSide.page;
      await alicePage.goto(`/messages/to/${encodeURIComponent(bob.id)}`);
      await alicePage.waitForURL((url) => /^\/messages\/(?!to\/)[^/]+$/.test(url.pathname));
      await alicePage.getByTestId('thread-title').getByText('Bob Reader').waitFor();
      const input = alicePage.getByTestId('composer-input');
      await input.fill('Hello Bob, dinner tonight?');
      await input.press('Enter');
      // Hers at once (optimistic), then confirmed by the server.
      await alicePage.getByTestId('message-body').filter({ hasText: 'Hello Bob, dinner tonight?' }).waitFor();
      await expect.poll(() => alicePage.getByTestId('message-pending').count(), { timeout: 10_000 }).toBe(0);
      expect(await input.inputValue()).toBe('');

      // Bob's open list and header badge change without a reload.
      const row = bobPage.getByTestId('conversation-row').filter({ hasText: 'Alice Writer' });
      await row.waitFor({ timeout: 10_000 });
      await expect
        .poll(() => row.getByTestId('conversation-preview').textContent(), { timeout: 10_000 })
        .toBe('Hello Bob, dinner tonight?');
      expect(await row.getByTestId('conversation-unread').textContent()).toBe('11 unread message'); // the digit, then the screen reader's words
      await expect.poll(() => bobPage.getByTestId('nav-messages-count').textContent(), { timeout: 10_000 }).toBe('1');
      expect(await bobPage.getByTestId('nav-messages').getAttribute('aria-label')).toBe('Messages, 1 unread conversation');
      expect(await alicePage.getByTestId('message-seen').count()).toBe(0);

      await row.click();
      await bobPage.getByTestId('message-body').filter({ hasText: 'Hello Bob, dinner tonight?' }).waitFor();
      await expect.poll(() => bobPage.getByTestId('nav-messages-count').count(), { timeout: 10_000 }).toBe(0);
      await expect.poll(() => alicePage.getByTestId('message-seen').textContent(), { timeout: 10_000 }).toBe('Seen');

      // Bob types: Alice sees it; he sends, and it goes away as his message arrives.
      await aliceTyping;
      await bobPage.getByTestId('composer-input').pressSequentially('Sure, at 7', { delay: 30 });
      await expect.poll(() => alicePage.getByTestId('thread-typing').textContent(), { timeout: 10_000 }).toBe('Bob Reader is typing…');
      await bobPage.getByTestId('composer-input').press('Enter');
      await alicePage.getByTestId('message-body').filter({ hasText: 'Sure, at 7' }).waitFor({ timeout: 10_000 });
      await expect.poll(() => alicePage.getByTestId('thread-typing').textContent(), { timeout: 10_000 }).toBe('');
      // Alice is looking at the thread: his reply is read at once, so her badge never shows.
      await expect.poll(() => bobPage.getByTestId('message-seen').textContent(), { timeout: 10_000 }).toBe('Seen');
      expect(await alicePage.getByTestId('nav-messages-count').count()).toBe(0);

      // The phone's thread fits the width, the composer in view above the tab bar.
      await settled(bobPage);
      const { excess, culprits } = await horizontalOverflow(bobPage);
      expect(excess, `the thread at 390 px is wider than the window: ${culprits.join(' | ')}`).toBeLessThanOrEqual(0);
      const composer = (await bobPage.getByTestId('composer').boundingBox())!;
      const bar = (await bobPage.getByTestId('tab-bar').boundingBox())!;
      expect(composer.y + composer.height).toBeLessThanOrEqual(bar.y + 1);
      await evidence(bobPage, 'messages-thread-390-en');
      await evidence(alicePage, 'messages-thread-1280-en');

      expect(bobSide.errors).toEqual([]);
      expect(aliceSide.errors).toEqual([]);
      await bobPage.context().close();
      await alicePage.context().close();
    },
  );

  it(
    'a send that fails says “Not sent” and goes on a retry; the list previews it in Korean; “New message” reopens the 1:1',
    { timeout: 90_000 },
    async () => {
      const alice = await signUp(suite.stack, { displayName: '김민아' });
      const bob = await signUp(suite.stack, { displayName: 'Bob Offline' });
      await befriend(suite.stack, alice, bob);
      const { page, errors } = await suite.signedIn(alice, { locale: 'ko-KR', viewport: PHONE });
      await page.goto(`/messages/to/${encodeURIComponent(bob.id)}`);
      await page.getByTestId('composer-input').waitFor();

      // The server cannot be reached for the send.
      await page.route('**/graphql', (route) =>
        route.request().postData()?.includes('SendDirectMessage') ? route.abort('internetdisconnected') : route.fallback(),
      );
      await page.getByTestId('composer-input').fill('안녕하세요');
      await page.getByTestId('composer-send').click();
      const pending = page.getByTestId('message-pending');
      await expect.poll(() => pending.getAttribute('data-state'), { timeout: 10_000 }).toBe('failed');
      expect(await pending.textContent()).toContain('전송되지 않음');

      await page.unroute('**/graphql');
      await page.getByTestId('message-retry').click();
      await page.getByTestId('message-body').filter({ hasText: '안녕하세요' }).waitFor({ timeout: 10_000 });
      await expect.poll(() => pending.count(), { timeout: 10_000 }).toBe(0);

      const threadPath = new URL(page.url()).pathname;
      await page.getByTestId('thread-back').click();
      const row = page.getByTestId('conversation-row').filter({ hasText: 'Bob Offline' });
      await expect.poll(() => row.getByTestId('conversation-preview').textContent(), { timeout: 10_000 }).toBe('나: 안녕하세요');
      const { excess, culprits } = await horizontalOverflow(page);
      expect(excess, culprits.join(' | ')).toBeLessThanOrEqual(0);
      await evidence(page, 'messages-list-390-ko');

      // "New message" with Bob picked opens the same 1:1 again (not a second one).
      await page.getByTestId('new-message').click();
      const dialog = page.getByTestId('new-message-dialog');
      await dialog.locator('[data-testid=friend-picker-row]', { hasText: 'Bob Offline' }).locator('input').check();
      await dialog.getByTestId('new-message-dialog-submit').click();
      await page.getByTestId('thread-title').getByText('Bob Offline').waitFor();
      await page.getByTestId('message-body').filter({ hasText: '안녕하세요' }).waitFor();
      expect(await page.getByTestId('conversation-row').count()).toBe(0);
      expect(new URL(page.url()).pathname).toBe(threadPath);
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  it('scrolling up loads earlier messages without moving what is on screen', { timeout: 90_000 }, async () => {
    const alice = await signUp(suite.stack, { displayName: 'Alice Chatty' });
    const bob = await signUp(suite.stack, { displayName: 'Bob Scroller' });
    await befriend(suite.stack, alice, bob);
    const as = (user: TestUser, query: string, variables: Record<string, unknown>) =>
      gql(suite.stack, query, variables, { token: user.token });
    const started = await as(
      alice,
      'mutation($input: StartConversationInput!) { startConversation(input: $input) { conversation { id } } }',
      {
        input: { userIds: [bob.id] },
      },
    );
    const conversationId: string = started.data.startConversation.conversation.id;
    for (let i = 1; i <= 45; i++) {
      await as(alice, 'mutation($input: SendDirectMessageInput!) { sendDirectMessage(input: $input) { message { id } } }', {
        input: { conversationId, body: `Message number ${i}` },
      });
    }

    const { page, errors } = await suite.signedIn(bob, { viewport: DESKTOP });
    await page.goto(`/messages/${encodeURIComponent(conversationId)}`);
    const bodies = page.getByTestId('message-body');
    await bodies.filter({ hasText: 'Message number 45' }).waitFor();
    expect(await bodies.count()).toBe(30);
    // Opened at the newest message: scrolled to the end of the log.
    const scroller = page.getByTestId('thread-scroller');
    await expect
      .poll(() => scroller.evaluate((el) => Math.round(el.scrollHeight - el.scrollTop - el.clientHeight)), { timeout: 5_000 })
      .toBeLessThanOrEqual(1);
    const anchor = bodies.filter({ hasText: /^Message number 16$/ });
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(() => bodies.count(), { timeout: 10_000 }).toBe(45);
    // The message that was at the top is still where it was (near the top), not pushed out of view.
    const box = (await anchor.boundingBox())!;
    const frame = (await scroller.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(frame.y);
    expect(box.y).toBeLessThan(frame.y + frame.height / 2);
    expect(await page.getByTestId('thread-load-older').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a declined call shows in the thread as a centred line, live, and in the list as “Missed call”', { timeout: 90_000 }, async () => {
    const alice = await signUp(suite.stack, { displayName: 'Alice Caller' });
    const bob = await signUp(suite.stack, { displayName: 'Bob Busy' });
    await befriend(suite.stack, alice, bob);
    const started = await gql(
      suite.stack,
      'mutation($input: StartConversationInput!) { startConversation(input: $input) { conversation { id } } }',
      { input: { userIds: [alice.id] } },
      { token: bob.token },
    );
    const conversationId: string = started.data.startConversation.conversation.id;

    let threadLive: Promise<void> | undefined;
    const { page, errors } = await suite.signedIn(bob, {
      viewport: PHONE,
      context: (browser, baseUrl, locale) => callContext(browser, baseUrl, { locale }),
      ready: (p) => {
        threadLive = subscriptionMessageSent(p, 'ConversationTyping');
        return subscriptionMessageSent(p, 'IncomingCall');
      },
    });
    await page.goto(`/messages/${encodeURIComponent(conversationId)}`);
    await page.getByTestId('thread-empty').waitFor();
    await threadLive;

    const ringing = await call(suite.stack, alice, START_CALL, { ids: [bob.id] });
    expect(ringing.userErrors).toEqual([]);
    await page.getByTestId('incoming-call').waitFor();
    expect((await call(suite.stack, bob, DECLINE_CALL, { id: ringing.call.id })).userErrors).toEqual([]);
    const line = page.locator('[data-testid=thread-call-line][data-kind=CALL_MISSED]');
    await line.waitFor({ timeout: 10_000 });
    expect(await line.textContent()).toContain('Missed call from Alice Caller');
    expect(await page.getByTestId('message-group').count()).toBe(0);

    await page.getByTestId('thread-back').click();
    const row = page.getByTestId('conversation-row').filter({ hasText: 'Alice Caller' });
    await expect.poll(() => row.getByTestId('conversation-preview').textContent(), { timeout: 10_000 }).toBe('Missed call');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a group: its title in the header, a photo sent alone, “Seen by 2” once both others have read', { timeout: 90_000 }, async () => {
    const [alice, bob, carol] = await Promise.all(
      ['Alice Host', 'Bob Guest', 'Carol Guest'].map((displayName) => signUp(suite.stack, { displayName })),
    );
    await befriend(suite.stack, alice, bob);
    await befriend(suite.stack, alice, carol);
    const { page, errors } = await suite.signedIn(alice, { viewport: DESKTOP });
    await page.goto('/messages');
    await page.getByTestId('new-message').click();
    const dialog = page.getByTestId('new-message-dialog');
    for (const name of ['Bob Guest', 'Carol Guest'])
      await dialog.locator('[data-testid=friend-picker-row]', { hasText: name }).locator('input').check();
    await dialog.getByTestId('new-message-title').fill('Weekend trip');
    await dialog.getByTestId('new-message-dialog-submit').click();
    await page.getByTestId('thread-title').getByText('Weekend trip').waitFor();
    const conversationId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    // A photo: previewed, removable, then sent on its own.
    const photo = await sharp({ create: { width: 200, height: 120, channels: 3, background: '#3366cc' } })
      .jpeg()
      .toBuffer();
    const file = { name: 'beach.jpg', mimeType: 'image/jpeg', buffer: photo };
    await page.getByTestId('composer-file').setInputFiles(file);
    await page.getByTestId('composer-preview').waitFor({ timeout: 15_000 });
    await page.getByTestId('composer-remove-image').click();
    expect(await page.getByTestId('composer-preview').count()).toBe(0);
    expect(await page.getByTestId('composer-send').isDisabled()).toBe(true);
    await page.getByTestId('composer-file').setInputFiles(file);
    await page.getByTestId('composer-preview').waitFor({ timeout: 15_000 });
    await page.getByTestId('composer-send').click();
    await page.getByTestId('message-image').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('message-pending').count(), { timeout: 10_000 }).toBe(0);

    // Both others read it (their read marks arrive live): "Seen by 2".
    for (const reader of [bob, carol]) {
      const read = await gql(
        suite.stack,
        'mutation($input: MarkConversationReadInput!) { markConversationRead(input: $input) { userErrors { code } } }',
        { input: { conversationId } },
        { token: reader.token },
      );
      expect(read.data.markConversationRead.userErrors).toEqual([]);
    }
    await expect.poll(() => page.getByTestId('message-seen').textContent(), { timeout: 10_000 }).toBe('Seen by 2');

    await page.getByTestId('thread-back').click();
    const row = page.getByTestId('conversation-row').filter({ hasText: 'Weekend trip' });
    await expect.poll(() => row.getByTestId('conversation-preview').textContent(), { timeout: 10_000 }).toBe('You: 📷 Photo');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

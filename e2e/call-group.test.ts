/**
 * Issue 13: group calls from the UI. Alice rings Bob and Carol from the "Group call" dialog on /calls; both get the
 * incoming dialog; Bob accepts, Carol declines. Alice sees Bob's video and, in the People panel, Bob in the call and
 * Carol "Declined"; Carol's dialog closes. Alice then adds Dave from "Add people": his dialog rings, he accepts and
 * appears for Alice and Bob. Then the invite link: Erin, no friend of Alice, joins Alice's FRIENDS room through it.
 * Real API, LiveKit and Chromium (fake cameras); build the client first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gql, type TestUser } from '../api/src/test/client.js';
import { assertRemoteVideoPlaying, befriend, fakeMediaFlags, newUser, waitFor } from '../bench/lib/call/pages.js';
import { openAs } from './lib/call.js';
import { useBrowserSuite } from './lib/suite.js';

const suite = useBrowserSuite({ livekit: true, chromiumArgs: fakeMediaFlags(10) });

/** The user ids of the remote tiles the page shows. */
const remoteTileIds = (page: Page) =>
  page.$$eval('[data-testid=call-tile][data-local=false][data-user-id]', (tiles) =>
    tiles.map((t) => t.getAttribute('data-user-id')).sort(),
  );

async function waitForTiles(page: Page, users: TestUser[]): Promise<void> {
  const wanted = users.map((u) => u.id).sort();
  await waitFor(
    'remote tiles',
    () => remoteTileIds(page),
    (ids) => JSON.stringify(ids) === JSON.stringify(wanted),
    30_000,
  );
}

/** Picks friends by name in the open picker dialog and presses its submit button. */
async function pickAndSubmit(page: Page, dialogId: string, names: string[], max: number): Promise<void> {
  const dialog = page.getByTestId(dialogId);
  await dialog.waitFor();
  for (const name of names) {
    // The search box narrows the list; the checkbox is named by the row's label.
    await dialog.getByTestId('friend-picker-search').fill(name.split(' ')[0]);
    await dialog.getByRole('checkbox', { name }).check();
  }
  await dialog.getByTestId('friend-picker-search').fill('');
  expect(await dialog.getByTestId('group-call-count').textContent()).toContain(`${names.length} selected · up to ${max}`);
  await dialog.getByTestId(`${dialogId}-submit`).click();
}

describe('group calls', () => {
  it('rings two friends at once (one accepts, one declines), shows who is where, and adds a third to the running call', async () => {
    const [alice, bob, carol, dave] = [
      await newUser(suite.stack, 'Alice Group'),
      await newUser(suite.stack, 'Bob Group'),
      await newUser(suite.stack, 'Carol Group'),
      await newUser(suite.stack, 'Dave Group'),
    ];
    for (const friend of [bob, carol, dave]) await befriend(suite.stack, alice, friend);
    await befriend(suite.stack, bob, dave);
    const [a, b, c, d] = await Promise.all([alice, bob, carol, dave].map((u) => openAs(suite.browser, suite.stack.baseUrl, u)));

    // Alice: /calls → "Group call"; "Call" stays disabled until someone is picked.
    await a.page.goto('/calls');
    await a.page.getByTestId('group-call').click();
    const dialog = a.page.getByTestId('group-call-dialog');
    await dialog.getByTestId('friend-picker-row').first().waitFor();
    expect(await dialog.getByTestId('friend-picker-row').count()).toBe(3);
    expect(await dialog.getByTestId('group-call-dialog-submit').isDisabled()).toBe(true);
    // The search box filters by name.
    await dialog.getByTestId('friend-picker-search').fill('carol');
    await waitFor(
      'filtered',
      () => dialog.getByTestId('friend-picker-row').count(),
      (n) => n === 1,
      5000,
    );
    await pickAndSubmit(a.page, 'group-call-dialog', ['Bob Group', 'Carol Group'], 15);
    await a.page.waitForURL((url) => url.pathname.startsWith('/call/') && url.searchParams.has('call'));

    // The caller's ringing screen names each callee and says they are ringing.
    const ringing = a.page.getByTestId('call-ringing');
    await ringing.waitFor();
    for (const name of ['Bob Group', 'Carol Group'])
      await ringing.locator('[data-testid=ringing-callee][data-state=RINGING]').filter({ hasText: name }).waitFor();

    // Both ring; Carol declines (her dialog closes), Bob accepts.
    await Promise.all([b.page.getByTestId('incoming-call').waitFor(), c.page.getByTestId('incoming-call').waitFor()]);
    await c.page.getByTestId('decline-call').click();
    await c.page.getByTestId('incoming-call').waitFor({ state: 'hidden' });
    await ringing.locator('[data-testid=ringing-callee][data-state=DECLINED]').filter({ hasText: 'Carol Group' }).waitFor();
    await b.page.getByTestId('accept-call').click();
    await b.page.waitForURL((url) => url.pathname.startsWith('/call/'));
    await waitForTiles(a.page, [bob]);
    await assertRemoteVideoPlaying(a.page, 1);
    await ringing.waitFor({ state: 'detached' });

    // The People panel (P): Alice and Bob connected, Carol declined.
    await a.page.keyboard.press('p');
    const people = a.page.getByTestId('call-people');
    await people.waitFor();
    expect(await a.page.getByTestId('toggle-people').getAttribute('aria-expanded')).toBe('true');
    await people.locator(`[data-testid=call-people-row][data-user-id="${bob.id}"]`).waitFor();
    expect(await people.getByTestId('call-people-row').count()).toBe(2);
    const carolRow = people.locator(`[data-testid=call-people-callee][data-user-id="${carol.id}"]`);
    await carolRow.filter({ hasText: 'Declined' }).waitFor();
    expect(await people.locator(`[data-testid=call-people-callee][data-user-id="${bob.id}"]`).count()).toBe(0);
    // Bob mutes: Alice's panel shows it.
    await b.page.getByTestId('toggle-mic').click();
    await people.locator(`[data-testid=call-people-row][data-user-id="${bob.id}"][data-mic=off]`).waitFor();

    // "Add people": Bob (in the call) and Carol's… no: only those not in the call or ringing are offered.
    await people.getByTestId('call-add-people').click();
    const add = a.page.getByTestId('call-add-dialog');
    await add.getByTestId('friend-picker-row').first().waitFor();
    const offered = await add.getByTestId('friend-picker-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-username')));
    expect(offered).not.toContain(bob.username);
    expect(offered).toContain(dave.username);
    // Room for 14 more: 16 people a call, two in it.
    await pickAndSubmit(a.page, 'call-add-dialog', ['Dave Group'], 14);
    await add.waitFor({ state: 'hidden' });
    await people.locator(`[data-testid=call-people-callee][data-user-id="${dave.id}"][data-state=RINGING]`).waitFor();

    // Dave's ordinary incoming dialog rings; he accepts and appears for Alice and Bob.
    await d.page.getByTestId('incoming-call').waitFor();
    await d.page.getByTestId('accept-call').click();
    await d.page.waitForURL((url) => url.pathname.startsWith('/call/'));
    await Promise.all([waitForTiles(a.page, [bob, dave]), waitForTiles(b.page, [alice, dave]), waitForTiles(d.page, [alice, bob])]);
    await people.locator(`[data-testid=call-people-row][data-user-id="${dave.id}"]`).waitFor();
    expect(await people.locator(`[data-testid=call-people-callee][data-user-id="${dave.id}"]`).count()).toBe(0);
    expect(await a.page.getByTestId('toggle-people').locator('[data-badge]').textContent()).toBe('3');

    // On a phone the panel is a bottom sheet, whole on screen; Esc closes it and the focus goes back to People.
    await a.page.setViewportSize({ width: 390, height: 844 });
    const sheet = (await people.boundingBox())!;
    expect(sheet.x).toBeGreaterThanOrEqual(0);
    expect(sheet.x + sheet.width).toBeLessThanOrEqual(390);
    expect(sheet.y + sheet.height).toBeGreaterThan(844 - 2);
    await people.getByTestId('call-people-close').focus();
    await a.page.keyboard.press('Escape');
    await people.waitFor({ state: 'detached' });
    // The control bar keeps one row (no People button there on phones): the header's count opens the panel.
    expect(await a.page.getByTestId('toggle-people').isVisible()).toBe(false);
    const bar = (await a.page.getByTestId('call-controls').boundingBox())!;
    expect(bar.height).toBeLessThan(60);
    expect(await a.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('call-count');
    await a.page.getByTestId('call-count').click();
    await people.waitFor();
    await people.getByTestId('call-people-close').click();
    await a.page.setViewportSize({ width: 1100, height: 800 });

    for (const page of [a, b, c, d]) expect(page.errors).toEqual([]);
    await Promise.all([a, b, c, d].map((p) => p.page.context().close()));
  });

  it('lets someone who is no friend join a FRIENDS room through its invite link', async () => {
    const [owner, guest] = [await newUser(suite.stack, 'Olive Owner'), await newUser(suite.stack, 'Erin Guest')];
    const created = await gql<{ createRoom: { room: { id: string } } }>(
      suite.stack,
      'mutation($i: CreateRoomInput!) { createRoom(input: $i) { room { id } userErrors { message } } }',
      { i: { title: 'Friends only', visibility: 'FRIENDS' } },
      { token: owner.token },
    );
    const roomId = created.data!.createRoom.room.id;
    const [o, g] = await Promise.all([owner, guest].map((u) => openAs(suite.browser, suite.stack.baseUrl, u)));

    // Without the link Erin may not join.
    await g.page.goto(`/call/${roomId}`);
    await g.page.locator('[data-testid=call-outcome]').waitFor();
    expect(await g.page.getByTestId('call-page').getAttribute('data-stage')).toBe('failed');

    // Olive makes the invite link: it is copied, and shown in a field to copy by hand.
    await o.page.goto(`/call/${roomId}`);
    await o.page.getByTestId('call-live').waitFor();
    await o.page.getByTestId('room-invite').click();
    const field = o.page.getByTestId('room-invite-url');
    await field.waitFor();
    const url = await field.inputValue();
    const link = new URL(url, suite.stack.baseUrl);
    expect(decodeURIComponent(link.pathname)).toBe(`/call/${roomId}`);
    expect(link.searchParams.get('invite')).toBeTruthy();

    // Erin follows it: she is in, and Olive sees her.
    await g.page.goto(link.pathname + link.search);
    await g.page.getByTestId('call-live').waitFor();
    await waitForTiles(o.page, [guest]);
    await waitForTiles(g.page, [owner]);

    for (const page of [o, g]) expect(page.errors).toEqual([]);
    await Promise.all([o, g].map((p) => p.page.context().close()));
  });
});

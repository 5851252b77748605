import { describe, expect, it } from 'vitest';
import { gql, signUp } from '../api/src/test/client';
import { useBrowserSuite } from './lib/suite';

// Settings › Access tokens against the real API and the built client (run `npm run build -w client` first).
const suite = useBrowserSuite();

describe('personal access tokens in settings', () => {
  it('creates a token, shows its secret once with Copy, lists it, and revokes it', async () => {
    const user = await signUp(suite.stack);
    const { page, errors } = await suite.signedIn(user);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);

    // From the user menu.
    await page.getByTestId('user-menu-button').click();
    await page.getByRole('link', { name: 'Access tokens' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/tokens');
    await page.getByRole('heading', { level: 1, name: 'Access tokens' }).waitFor();
    await page.getByText('You have no access tokens.').waitFor();

    // No scope chosen: the form says so next to the scopes.
    await page.locator('#name').fill('Class bot');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Choose at least one scope.').waitFor();

    await page.getByRole('checkbox', { name: /^Read/ }).check();
    await page.getByRole('checkbox', { name: /^Write posts/ }).check();
    await page.getByLabel('Expires').selectOption({ label: 'Never' });
    await page.getByRole('button', { name: 'Create token' }).click();

    // The secret, once, with a warning and a working Copy button.
    const secretPanel = page.getByTestId('token-secret');
    await secretPanel.getByText('Copy it now: it will not be shown again.', { exact: false }).waitFor();
    const secret = await page.getByLabel('Token', { exact: true }).inputValue();
    expect(secret).toMatch(/^ppe_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    // It works as a Bearer token with the chosen scopes.
    const me = await gql(suite.stack, '{ me { id } }', {}, { token: secret });
    expect(me.data.me.id).toBe(user.id);

    // The list shows it (name, prefix, scopes, dates) but never the secret again.
    const item = page.getByTestId('token-item');
    await expect.poll(() => item.textContent()).toContain('Class bot');
    const listed = (await item.textContent()) ?? '';
    expect(listed).toContain(secret.slice(0, 12));
    expect(listed).toContain('Write posts');
    expect(listed).toContain('No expiry');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await secretPanel.waitFor({ state: 'detached' });
    await page.reload();
    await expect.poll(() => item.textContent()).toContain('Last used');
    expect(await page.content()).not.toContain(secret);

    // Phones: no horizontal scroll.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Revoke, confirmed in a dialog: the token stops working at once.
    await page.getByRole('button', { name: 'Revoke the token Class bot' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke “Class bot”?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('The token “Class bot” was revoked.').waitFor();
    await page.getByText('You have no access tokens.').waitFor();
    const after = await gql(suite.stack, '{ me { id } }', {}, { token: secret });
    expect(after.status).toBe(401);
    expect(errors).toEqual([]);
  });

  it('speaks Korean', async () => {
    const user = await signUp(suite.stack);
    const { page, errors } = await suite.signedIn(user, { locale: 'ko-KR' });
    await page.goto('/settings/tokens');
    await page.getByRole('heading', { level: 1, name: '액세스 토큰' }).waitFor();
    await page.getByText('액세스 토큰이 없습니다.').waitFor();
    await page.getByRole('checkbox', { name: /^실시간 이벤트/ }).waitFor();
    expect(errors).toEqual([]);
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../kernel/ids.js';
import { sha256 } from '../../lib/tokens.js';
import { jpeg, upload } from '../../features/media/media.testkit.js';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';

/**
 * The clean-up jobs' work (server/bootstrap.ts runs it every JOBS_CLEANUP_MINUTES): uploads attached to nothing after
 * UPLOAD_ORPHAN_HOURS lose their row and their files; sessions ended more than SESSION_RETENTION_DAYS ago are deleted.
 * And nothing else: attached, recent and screenshot media stay served, live sessions keep working.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

type Row = Record<string, string>;
const exec = (text: string, params: unknown[] = []): Promise<Row[]> => stack.orm.em.fork().getConnection().execute<Row[]>(text, params);
const served = async (url: string) => (await fetch(url)).status;
const file = (url: string) => join(stack.config.dataDir, 'media', url.split('/').pop()!);

async function uploaded(who: TestUser) {
  const res = await upload(stack, who.token, await jpeg());
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return {
    id: res.body.id as string,
    raw: fromGlobalId(res.body.id, 'Media')!,
    url: res.body.url as string,
    thumb: res.body.thumbnailUrl as string,
  };
}

describe('upload clean-up', () => {
  it('deletes old uploads attached to nothing, with their files; keeps posts, avatars, screenshots and recent uploads', async () => {
    const me = await signUp(stack);
    const [orphan, inPost, avatar, recent, screenshot, leftPost] = await Promise.all(Array.from({ length: 6 }, () => uploaded(me)));
    const post = await gql(
      stack,
      'mutation($input: CreatePostInput!) { createPost(input: $input) { post { id } userErrors { code } } }',
      { input: { title: 'kept', mediaIds: [inPost.id] } },
      { token: me.token },
    );
    expect(post.data.createPost.userErrors).toEqual([]);
    const other = await gql(
      stack,
      'mutation($input: CreatePostInput!) { createPost(input: $input) { post { id } userErrors { code } } }',
      { input: { title: 'deleted later', mediaIds: [leftPost.id] } },
      { token: me.token },
    );
    await gql(
      stack,
      'mutation($id: ID!) { deletePost(id: $id) { deletedId } }',
      { id: other.data.createPost.post.id },
      { token: me.token },
    );
    const profile = await gql(
      stack,
      'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { userErrors { code } } }',
      { input: { avatarId: avatar.id } },
      { token: me.token },
    );
    expect(profile.data.updateProfile.userErrors).toEqual([]);
    await exec(`update media set kind = 'SCREENSHOT' where id = ?`, [screenshot.raw]);
    const old = [orphan, inPost, avatar, screenshot, leftPost].map((m) => m.raw);
    await exec(`update media set created_at = now() - interval '25 hours' where id in (?)`, [old]);

    const deleted = await stack.app.services.media.deleteUnattached(stack.orm.em.fork(), 24);

    expect(deleted).toBe(2);
    for (const gone of [orphan, leftPost]) {
      expect(await served(gone.url)).toBe(404);
      expect(await served(gone.thumb)).toBe(404);
      expect(existsSync(file(gone.url))).toBe(false);
      expect(existsSync(file(gone.thumb))).toBe(false);
    }
    for (const kept of [inPost, avatar, recent, screenshot]) {
      expect(await served(kept.url)).toBe(200);
      expect(existsSync(file(kept.thumb))).toBe(true);
    }
    const rows = await exec('select id from media where owner_id = ? order by id', [fromGlobalId(me.id, 'User')]);
    expect(rows.map((r) => r.id).sort()).toEqual([inPost, avatar, recent, screenshot].map((m) => m.raw).sort());
    expect(await stack.app.services.media.deleteUnattached(stack.orm.em.fork(), 24)).toBe(0);
  });
});

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken userErrors { code } } }';
const REFRESH = 'mutation($t: String) { refreshSession(refreshToken: $t) { accessToken refreshToken userErrors { code } } }';

describe('session pruning', () => {
  it('deletes sessions revoked or expired longer ago than the retention; keeps live and recently ended ones', async () => {
    const me = await signUp(stack, { password: 'correct horse battery' });
    const login = async () => {
      const res = (await gql(stack, LOGIN, { input: { login: me.username, password: 'correct horse battery' } })).data.login;
      const [row] = await exec('select session_id from refresh_tokens where hash = ?', [sha256(res.refreshToken)]);
      return { ...res, session: row.session_id };
    };
    const [revokedLongAgo, expiredLongAgo, revokedRecently, expiredRecently, live] = [
      await login(),
      await login(),
      await login(),
      await login(),
      await login(),
    ];
    await exec(`update sessions set revoked_at = now() - interval '31 days' where id = ?`, [revokedLongAgo.session]);
    await exec(`update refresh_tokens set expires_at = now() - interval '31 days' where session_id = ?`, [expiredLongAgo.session]);
    await exec(`update sessions set revoked_at = now() - interval '29 days' where id = ?`, [revokedRecently.session]);
    await exec(`update refresh_tokens set expires_at = now() - interval '1 day' where session_id = ?`, [expiredRecently.session]);

    expect(await stack.app.services.accounts.pruneSessions(stack.orm.em.fork(), 30)).toBe(2);

    const left = await exec('select id from sessions where user_id = ?', [fromGlobalId(me.id, 'User')]);
    const ids = left.map((r) => r.id);
    for (const kept of [revokedRecently, expiredRecently, live]) expect(ids).toContain(kept.session);
    for (const gone of [revokedLongAgo, expiredLongAgo]) expect(ids).not.toContain(gone.session);
    expect(ids).toHaveLength(4); // the sign-up's session too
    expect(await exec('select 1 from refresh_tokens where session_id in (?)', [[revokedLongAgo.session, expiredLongAgo.session]])).toEqual(
      [],
    );
    // The live session still signs in and refreshes; the sign-up's too.
    const refreshed = (await gql(stack, REFRESH, { t: live.refreshToken })).data.refreshSession;
    expect(refreshed.userErrors).toEqual([]);
    const viewer = await gql(stack, '{ me { id } }', {}, { token: refreshed.accessToken });
    expect(viewer.data.me).toEqual({ id: me.id });
    expect((await gql(stack, '{ me { id } }', {}, { token: me.token })).data.me).toEqual({ id: me.id });
  });
});

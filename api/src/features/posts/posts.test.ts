import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../kernel/ids.js';
import { encodeCursor } from '../../kernel/pagination.js';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { uploadMedia } from '../media/media.testkit.js';
import { CREATE, createPost, DELETE, POSTS, postMutation, snapshot, UPDATE } from './posts.testkit.js';

let stack: TestStack;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  stack = await startTestStack();
  [alice, bob] = [await signUp(stack), await signUp(stack)];
});
afterAll(async () => {
  await stack?.stop();
});

/** createPost as alice must fail with `code` on `field` and change nothing in the database. */
async function expectRefused(input: Record<string, unknown>, code: string, field?: string[]) {
  const before = await snapshot(stack);
  const res = await gql(stack, CREATE, { input: { title: 'Valid title', ...input } }, { token: alice.token });
  expect(res.errors).toBeUndefined();
  expect(res.data.createPost.post).toBeNull();
  expect(res.data.createPost.userErrors).toContainEqual(expect.objectContaining({ code, ...(field ? { field } : {}) }));
  expect(await snapshot(stack)).toEqual(before);
}

describe('createPost', () => {
  it('creates a post with media in order, normalised tags and counts', async () => {
    const [m1, m2] = [await uploadMedia(stack, alice.token), await uploadMedia(stack, alice.token)];
    const post = await createPost(stack, alice, {
      title: '  한강 산책  ',
      body: 'Evening walk',
      mediaIds: [m2, m1],
      tags: ['#Seoul', '한강', 'seoul'],
    });
    expect(post).toMatchObject({
      title: '한강 산책',
      body: 'Evening walk',
      author: { id: alice.id },
      likeCount: 0,
      commentCount: 0,
      viewerCanEdit: true,
    });
    expect(post.media.map((m: { id: string }) => m.id)).toEqual([m2, m1]);
    expect(post.tags.map((t: { name: string }) => t.name)).toEqual(['seoul', '한강']);
    expect(post.tags[0].postCount).toBe(1);
    const asBob = await gql(
      stack,
      `query($id: ID!) { post(id: $id) { viewerCanEdit author { postCount } } }`,
      { id: post.id },
      { token: bob.token },
    );
    expect(asBob.data.post).toEqual({ viewerCanEdit: false, author: { postCount: 1 } });
  });

  it('refuses bad input with the right code and changes nothing', async () => {
    const mine = await uploadMedia(stack, alice.token);
    const bobs = await uploadMedia(stack, bob.token);
    await expectRefused({ title: 'x'.repeat(101), mediaIds: [mine] }, 'INVALID', ['input', 'title']);
    await expectRefused({ title: '   ', body: '  ', mediaIds: [] }, 'INVALID', ['input', 'body']);
    await expectRefused({ body: 'y'.repeat(2201), mediaIds: [mine] }, 'INVALID', ['input', 'body']);
    const eleven = await Promise.all(Array.from({ length: 11 }, () => uploadMedia(stack, alice.token)));
    await expectRefused({ mediaIds: eleven }, 'INVALID', ['input', 'mediaIds']);
    await expectRefused({ mediaIds: [mine, mine] }, 'INVALID', ['input', 'mediaIds']);
    await expectRefused({ mediaIds: [mine, bobs] }, 'FORBIDDEN', ['input', 'mediaIds', '1']);
    await expectRefused({ mediaIds: ['not-an-id'] }, 'INVALID', ['input', 'mediaIds', '0']);
    await expectRefused({ mediaIds: [toGlobalId('Media', '00000000-0000-4000-8000-000000000000')] }, 'NOT_FOUND');
    await expectRefused({ mediaIds: [mine], tags: ['no spaces allowed'] }, 'INVALID', ['input', 'tags']);
    await expectRefused({ mediaIds: [mine], tags: Array.from({ length: 31 }, (_, i) => `tag${i}`) }, 'INVALID', ['input', 'tags']);
    await expectRefused({ mediaIds: [mine], photoTags: [{ mediaId: mine, userId: bob.id, x: 1.5, y: 0.5 }] }, 'INVALID', [
      'input',
      'photoTags',
      '0',
      'x',
    ]);
    await expectRefused({ mediaIds: [mine], photoTags: [{ mediaId: mine, userId: bob.id, x: 0.5, y: 0.5 }] }, 'FORBIDDEN'); // not friends
    const eleven10 = await createPost(stack, alice, { mediaIds: eleven.slice(0, 10) });
    expect(eleven10.media).toHaveLength(10);
  });

  it('needs a signed-in viewer', async () => {
    const res = await gql(stack, CREATE, { input: { title: 't', mediaIds: [] } });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('updatePost and deletePost', () => {
  it('lets only the author edit; replaces media and tags and keeps tag counts right', async () => {
    const post = await createPost(stack, alice, { tags: ['edit_a', 'edit_b'] });
    const other = await uploadMedia(stack, alice.token);
    const denied = await gql(stack, UPDATE, { id: post.id, input: { title: 'Hijacked' } }, { token: bob.token });
    expect(denied.data.updatePost.userErrors[0].code).toBe('FORBIDDEN');
    const res = await gql(
      stack,
      UPDATE,
      { id: post.id, input: { title: 'Renamed', mediaIds: [other], tags: ['edit_b', 'edit_c'] } },
      { token: alice.token },
    );
    expect(res.data.updatePost.userErrors).toEqual([]);
    expect(res.data.updatePost.post).toMatchObject({ title: 'Renamed', media: [{ id: other }] });
    expect(res.data.updatePost.post.tags.map((t: { name: string; postCount: number }) => [t.name, t.postCount])).toEqual([
      ['edit_b', 1],
      ['edit_c', 1],
    ]);
    const tags = await gql(stack, `{ tags(query: "edit_") { name postCount } }`);
    expect(tags.data.tags).toContainEqual({ name: 'edit_a', postCount: 0 });
    const bad = await gql(stack, UPDATE, { id: post.id, input: { title: 'z'.repeat(101) } }, { token: alice.token });
    expect(bad.data.updatePost.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'title'] });
    const found = await gql(stack, POSTS, { query: 'renamed' });
    expect(found.data.posts.nodes.map((p: { id: string }) => p.id)).toEqual([post.id]);
  });

  it('deletes with likes, comments, favorites and tag links, not the media', async () => {
    const post = await createPost(stack, alice, { tags: ['deleted_tag'] });
    await gql(stack, postMutation('likePost'), { id: post.id }, { token: bob.token });
    await gql(stack, postMutation('favoritePost'), { id: post.id }, { token: bob.token });
    await gql(
      stack,
      `mutation($id: ID!) { addComment(input: { postId: $id, body: "nice" }) { comment { id } } }`,
      { id: post.id },
      { token: bob.token },
    );
    const before = await snapshot(stack);
    expect((await gql(stack, DELETE, { id: post.id }, { token: bob.token })).data.deletePost.userErrors[0].code).toBe('FORBIDDEN');
    const res = await gql(stack, DELETE, { id: post.id }, { token: alice.token });
    expect(res.data.deletePost).toEqual({ deletedId: post.id, userErrors: [] });
    const after = await snapshot(stack);
    expect(after).toMatchObject({
      posts: before.posts - 1,
      likes: before.likes - 1,
      favorites: before.favorites - 1,
      comments: before.comments - 1,
      post_tags: before.post_tags - 1,
      tag_uses: before.tag_uses - 1,
      post_media: before.post_media - 1,
      media: before.media,
    });
    expect((await gql(stack, `query($id: ID!) { post(id: $id) { id } }`, { id: post.id })).data.post).toBeNull();
    expect((await gql(stack, DELETE, { id: post.id }, { token: alice.token })).data.deletePost.userErrors[0].code).toBe('NOT_FOUND');
  });
});

describe('posts(authorId, tag, query)', () => {
  it('narrows by author, tag and text (Korean included), newest first, paging by cursor', async () => {
    const carol = await signUp(stack);
    const a = await createPost(stack, carol, { title: '부산 바다', body: 'Sunny', tags: ['바다'] });
    const b = await createPost(stack, carol, { title: 'Mountain', body: '설악산 등산', tags: ['hiking'] });
    const c = await createPost(stack, carol, { title: 'Lunch', body: 'noodles', tags: ['Food', '바다'] });
    const ids = (res: { data: { posts: { nodes: { id: string }[] } } }) => res.data.posts.nodes.map((p) => p.id);
    expect(ids(await gql(stack, POSTS, { authorId: carol.id }))).toEqual([c.id, b.id, a.id]);
    expect(ids(await gql(stack, POSTS, { tag: '#바다' }))).toEqual([c.id, a.id]);
    expect(ids(await gql(stack, POSTS, { query: '설악' }))).toEqual([b.id]);
    expect(ids(await gql(stack, POSTS, { query: 'FOOD', authorId: carol.id }))).toEqual([c.id]);
    expect(ids(await gql(stack, POSTS, { query: '100%' }))).toEqual([]);

    const page1 = await gql(stack, POSTS, { authorId: carol.id, first: 2 });
    expect(page1.data.posts).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    await createPost(stack, carol, { title: 'Inserted meanwhile' });
    const page2 = await gql(stack, POSTS, { authorId: carol.id, first: 2, after: page1.data.posts.pageInfo.endCursor });
    expect(ids(page2)).toEqual([a.id]);
    expect(page2.data.posts.pageInfo.hasNextPage).toBe(false);
  });

  it('answers BAD_USER_INPUT for unknown or malformed cursors', async () => {
    for (const after of [
      'garbage',
      encodeCursor(['yesterday', 'x']),
      encodeCursor(['2026-01-01T00:00:00.000Z', 'not-a-uuid']),
      encodeCursor([1, 2]),
    ]) {
      const res = await gql(stack, POSTS, { after });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const feed = await gql(stack, `query($after: String) { feed(after: $after) { totalCount } }`, { after }, { token: alice.token });
      expect(feed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { uploadMedia } from '../media/media.testkit.js';
import { befriend, block, createPost, follow, POSTS, raw } from './posts.testkit.js';

let stack: TestStack;
let viewer: TestUser;
let friend: TestUser;
let followed: TestUser;
let stranger: TestUser;
beforeAll(async () => {
  stack = await startTestStack();
  [viewer, friend, followed, stranger] = await Promise.all([signUp(stack), signUp(stack), signUp(stack), signUp(stack)]);
  await befriend(stack, viewer, friend);
  await follow(stack, viewer, followed);
});
afterAll(async () => {
  await stack?.stop();
});

export const FEED_PAGE = `query($first: Int) { feed(first: $first) { edges { cursor node {
  id title body createdAt viewerCanEdit viewerHasLiked viewerHasFavorited likeCount commentCount
  author { id username displayName avatar { url } }
  media { id url thumbnailUrl width height blurhash altText }
  tags { id name postCount }
  photoTags { id x y user { id username } }
} } pageInfo { hasNextPage endCursor } } }`;
const ids = (res: { data: { feed?: { edges: { node: { id: string } }[] }; posts?: { nodes: { id: string }[] } } }) =>
  res.data.feed ? res.data.feed.edges.map((e) => e.node.id) : res.data.posts!.nodes.map((n) => n.id);

describe('feed', () => {
  it("holds the viewer's own, friends' and followed users' posts, newest first; not strangers'", async () => {
    const own = await createPost(stack, viewer, { title: 'mine' });
    const fromFriend = await createPost(stack, friend, { title: 'friend' });
    await createPost(stack, stranger, { title: 'stranger' });
    const fromFollowed = await createPost(stack, followed, { title: 'followed' });
    expect(ids(await gql(stack, FEED_PAGE, { first: 10 }, { token: viewer.token }))).toEqual([fromFollowed.id, fromFriend.id, own.id]);
    expect((await gql(stack, FEED_PAGE, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('hides posts of users blocked either way from posts(), post(), User.posts', async () => {
    const [x, y] = [await signUp(stack), await signUp(stack)];
    const byX = await createPost(stack, x, { title: 'by x', tags: ['blockcheck'] });
    const byY = await createPost(stack, y, { title: 'by y', tags: ['blockcheck'] });
    await block(stack, y, x);
    for (const [who, other, hidden] of [
      [x, y, byY],
      [y, x, byX],
    ] as const) {
      const listed = ids(await gql(stack, POSTS, { tag: 'blockcheck' }, { token: who.token }));
      expect(listed).not.toContain(hidden.id);
      expect(listed).toHaveLength(1);
      const profile = await gql(
        stack,
        `query($id: ID!) { user(id: $id) { posts { totalCount nodes { id } } } }`,
        { id: other.id },
        { token: who.token },
      );
      expect(profile.data.user?.posts ?? { totalCount: 0, nodes: [] }).toEqual({ totalCount: 0, nodes: [] });
    }
    expect(ids(await gql(stack, POSTS, { tag: 'blockcheck' }, { token: stranger.token }))).toEqual([byY.id, byX.id]);
    expect((await gql(stack, `query($id: ID!) { post(id: $id) { id } }`, { id: byX.id }, { token: y.token })).data.post).toBeNull();
    expect((await gql(stack, `query($id: ID!) { post(id: $id) { id } }`, { id: byX.id }, { token: stranger.token })).data.post.id).toBe(
      byX.id,
    );
  });

  it('User.posts, postCount and avatar', async () => {
    const avatar = await uploadMedia(stack, friend.token, { kind: 'AVATAR' });
    const set = await gql(
      stack,
      `mutation($id: ID) { updateProfile(input: { avatarId: $id }) { user { avatar { id url } } userErrors { code } } }`,
      { id: avatar },
      { token: friend.token },
    );
    expect(set.data.updateProfile.user.avatar.id).toBe(avatar);
    const notMine = await gql(
      stack,
      `mutation($id: ID) { updateProfile(input: { avatarId: $id }) { userErrors { code field } } }`,
      { id: avatar },
      { token: stranger.token },
    );
    expect(notMine.data.updateProfile.userErrors).toEqual([{ code: 'FORBIDDEN', field: ['input', 'avatarId'] }]);
    const res = await gql(
      stack,
      `query($id: ID!) { user(id: $id) { postCount avatar { id } posts(first: 1) { totalCount nodes { author { id } } } } }`,
      { id: friend.id },
    );
    expect(res.data.user).toMatchObject({ avatar: { id: avatar }, posts: { nodes: [{ author: { id: friend.id } }] } });
    expect(res.data.user.postCount).toBe(res.data.user.posts.totalCount);
    const cleared = await gql(
      stack,
      `mutation { updateProfile(input: { avatarId: null }) { user { avatar { id } } } }`,
      {},
      { token: friend.token },
    );
    expect(cleared.data.updateProfile.user.avatar).toBeNull();
  });
});

describe('feed statements', () => {
  it('costs the same number of SQL statements for 5 posts as for 50, with every relation, count and viewer field', async () => {
    const [author, tagged] = [await signUp(stack), await signUp(stack)];
    await follow(stack, viewer, author);
    await befriend(stack, author, tagged);
    const [m1, m2, avatar] = [
      await uploadMedia(stack, author.token),
      await uploadMedia(stack, author.token),
      await uploadMedia(stack, author.token),
    ];
    await gql(
      stack,
      `mutation($id: ID) { updateProfile(input: { avatarId: $id }) { userErrors { code } } }`,
      { id: avatar },
      { token: author.token },
    );
    const template = await createPost(stack, author, {
      mediaIds: [m1, m2],
      tags: ['stmt_a', 'stmt_b'],
      photoTags: [{ mediaId: m1, userId: tagged.id, x: 0.5, y: 0.5 }],
    });
    // 59 more posts like the first, written straight in SQL (the API path is covered elsewhere).
    await stack.orm.em
      .fork()
      .getConnection()
      .execute(
        `
      with made as (
        insert into posts (id, author_id, title, body, search_text, created_at, updated_at)
        select gen_random_uuid(), ?, 'copy ' || g, '', 'copy', now() + g * interval '1 ms', now() from generate_series(1, 59) g returning id
      ), media as (
        insert into post_media (post_id, media_id, position) select made.id, pm.media_id, pm.position from made, post_media pm where pm.post_id = ?
      ), tags as (
        insert into post_tags (post_id, tag_id, position) select made.id, pt.tag_id, pt.position from made, post_tags pt where pt.post_id = ?
      ), likes as (
        insert into likes (id, post_id, user_id, created_at) select gen_random_uuid(), made.id, ?, now() from made
      )
      insert into photo_tags (id, post_id, media_id, user_id, x, y, created_at)
        select gen_random_uuid(), made.id, pt.media_id, pt.user_id, pt.x, pt.y, now() from made, photo_tags pt where pt.post_id = ?`,
        [raw(author.id), raw(template.id), raw(template.id), raw(viewer.id), raw(template.id)],
      );

    const counts: number[] = [];
    for (const first of [5, 50]) {
      const { result, queries } = await stack.countQueries(() => gql(stack, FEED_PAGE, { first }, { token: viewer.token }));
      expect(result.errors).toBeUndefined();
      expect(result.data.feed.edges).toHaveLength(first);
      const node = result.data.feed.edges[0].node;
      expect(node.media).toHaveLength(2);
      expect(node.tags.map((t: { name: string }) => t.name)).toEqual(['stmt_a', 'stmt_b']);
      expect(node.photoTags[0].user.id).toBe(tagged.id);
      expect(node).toMatchObject({
        likeCount: 1,
        viewerHasLiked: true,
        viewerCanEdit: false,
        author: { id: author.id, avatar: { url: expect.stringContaining('/media/') } },
      });
      counts.push(queries);
    }
    console.log(`feed statements: first 5 → ${counts[0]}, first 50 → ${counts[1]}`);
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBeLessThanOrEqual(5);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { uploadMedia } from '../media/media.testkit.js';
import { befriend, createPost, notificationsOf, raw, snapshot } from './posts.testkit.js';

let stack: TestStack;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
beforeAll(async () => {
  stack = await startTestStack();
  [alice, bob, carol] = [await signUp(stack), await signUp(stack), await signUp(stack)];
});
afterAll(async () => {
  await stack?.stop();
});

const ADD = `mutation($input: AddCommentInput!) { addComment(input: $input) {
  comment { id body viewerCanEdit replyCount parent { id } author { id } post { id } } userErrors { code field message } } }`;
const add = (who: TestUser, input: Record<string, unknown>) => gql(stack, ADD, { input }, { token: who.token });
const COMMENTS = `query($id: ID!, $after: String) { post(id: $id) { commentCount comments(first: 2, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } nodes { id body replyCount replies { totalCount nodes { id body parent { id } } } } } } }`;

describe('comments', () => {
  it('adds comments and one-level replies, lists them oldest first and notifies COMMENT and REPLY', async () => {
    const post = await createPost(stack, alice);
    const first = (await add(bob, { postId: post.id, body: '  멋진 사진!  ' })).data.addComment.comment;
    expect(first).toMatchObject({
      body: '멋진 사진!',
      viewerCanEdit: true,
      replyCount: 0,
      parent: null,
      author: { id: bob.id },
      post: { id: post.id },
    });
    const second = (await add(carol, { postId: post.id, body: 'Second' })).data.addComment.comment;
    const reply = (await add(carol, { postId: post.id, body: 'Reply', parentId: first.id })).data.addComment.comment;
    const deep = (await add(alice, { postId: post.id, body: 'Reply to reply', parentId: reply.id })).data.addComment.comment;
    expect(deep.parent.id).toBe(first.id);
    const third = (await add(carol, { postId: post.id, body: 'Third' })).data.addComment.comment;

    const page1 = await gql(stack, COMMENTS, { id: post.id });
    expect(page1.data.post.commentCount).toBe(5);
    const comments = page1.data.post.comments;
    expect(comments).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(comments.nodes.map((c: { id: string }) => c.id)).toEqual([first.id, second.id]);
    expect(comments.nodes[0].replyCount).toBe(2);
    expect(comments.nodes[0].replies.nodes.map((c: { id: string }) => c.id)).toEqual([reply.id, deep.id]);
    const page2 = await gql(stack, COMMENTS, { id: post.id, after: comments.pageInfo.endCursor });
    expect(page2.data.post.comments.nodes.map((c: { id: string }) => c.id)).toEqual([third.id]);

    const toAlice = (await notificationsOf(stack, alice)).filter((n) => n.post_id === raw(post.id));
    expect(toAlice.map((n) => [n.type, n.actor_id])).toEqual([
      ['COMMENT', raw(bob.id)],
      ['COMMENT', raw(carol.id)],
      ['COMMENT', raw(carol.id)],
      ['COMMENT', raw(carol.id)],
    ]);
    const toBob = (await notificationsOf(stack, bob)).filter((n) => n.post_id === raw(post.id));
    expect(toBob.map((n) => [n.type, n.actor_id])).toEqual([['REPLY', raw(carol.id)]]);
    const toCarol = (await notificationsOf(stack, carol)).filter((n) => n.post_id === raw(post.id));
    expect(toCarol.map((n) => [n.type, n.actor_id, n.comment_id])).toEqual([['REPLY', raw(alice.id), raw(deep.id)]]);
    const inbox = await gql(
      stack,
      `{ notifications(first: 1) { nodes { type post { id } comment { id body } } } }`,
      {},
      { token: carol.token },
    );
    expect(inbox.data.notifications.nodes[0]).toEqual({
      type: 'REPLY',
      post: { id: post.id },
      comment: { id: deep.id, body: 'Reply to reply' },
    });
  });

  it('refuses empty or 1,001-character bodies and foreign parents, changing nothing', async () => {
    const post = await createPost(stack, alice);
    const otherPost = await createPost(stack, alice);
    const foreign = (await add(bob, { postId: otherPost.id, body: 'elsewhere' })).data.addComment.comment;
    const before = await snapshot(stack);
    for (const [input, code] of [
      [{ postId: post.id, body: '   ' }, 'INVALID'],
      [{ postId: post.id, body: 'x'.repeat(1001) }, 'INVALID'],
      [{ postId: post.id, body: 'ok', parentId: foreign.id }, 'NOT_FOUND'],
      [{ postId: post.id, body: 'ok', parentId: 'zzz' }, 'INVALID'],
      [{ postId: 'zzz', body: 'ok' }, 'NOT_FOUND'],
    ] as const) {
      expect((await add(bob, input)).data.addComment.userErrors[0].code).toBe(code);
    }
    expect(await snapshot(stack)).toEqual(before);
    expect((await add(bob, { postId: post.id, body: 'x'.repeat(1000) })).data.addComment.userErrors).toEqual([]);
  });

  it('lets the author edit, and the author or the post author delete (with replies)', async () => {
    const post = await createPost(stack, alice);
    const c = (await add(bob, { postId: post.id, body: 'Original' })).data.addComment.comment;
    await add(carol, { postId: post.id, body: 'A reply', parentId: c.id });
    const UPDATE = `mutation($id: ID!, $body: String!) { updateComment(id: $id, body: $body) { comment { body viewerCanEdit } userErrors { code } } }`;
    expect((await gql(stack, UPDATE, { id: c.id, body: 'Hacked' }, { token: carol.token })).data.updateComment.userErrors[0].code).toBe(
      'FORBIDDEN',
    );
    expect((await gql(stack, UPDATE, { id: c.id, body: 'Edited' }, { token: bob.token })).data.updateComment.comment).toEqual({
      body: 'Edited',
      viewerCanEdit: true,
    });
    const DELETE = `mutation($id: ID!) { deleteComment(id: $id) { deletedId userErrors { code } } }`;
    expect((await gql(stack, DELETE, { id: c.id }, { token: carol.token })).data.deleteComment.userErrors[0].code).toBe('FORBIDDEN');
    expect((await gql(stack, DELETE, { id: c.id }, { token: alice.token })).data.deleteComment).toEqual({
      deletedId: c.id,
      userErrors: [],
    });
    expect((await gql(stack, COMMENTS, { id: post.id })).data.post.commentCount).toBe(0);
  });
});

describe('photo tags', () => {
  it('lets the post author tag a friend in one of the post photos; the tagged user is notified and can remove it', async () => {
    const [dana, friend, stranger] = [await signUp(stack), await signUp(stack), await signUp(stack)];
    await befriend(stack, dana, friend);
    const [m1, m2, outside] = [
      await uploadMedia(stack, dana.token),
      await uploadMedia(stack, dana.token),
      await uploadMedia(stack, dana.token),
    ];
    const post = await createPost(stack, dana, { mediaIds: [m1, m2], photoTags: [{ mediaId: m2, userId: friend.id, x: 0.25, y: 0.75 }] });
    expect(post.photoTags).toEqual([{ id: expect.any(String), x: 0.25, y: 0.75, user: { id: friend.id }, media: { id: m2 } }]);
    const tagged = (await notificationsOf(stack, friend)).filter((n) => n.type === 'PHOTO_TAG');
    expect(tagged).toEqual([{ type: 'PHOTO_TAG', actor_id: raw(dana.id), post_id: raw(post.id), comment_id: null }]);

    const ADD_TAG = `mutation($postId: ID!, $input: PhotoTagInput!) { addPhotoTag(postId: $postId, input: $input) { photoTag { id x y post { id } } userErrors { code field } } }`;
    const tag = (who: TestUser, input: Record<string, unknown>) => gql(stack, ADD_TAG, { postId: post.id, input }, { token: who.token });
    const before = await snapshot(stack);
    expect((await tag(friend, { mediaId: m1, userId: friend.id, x: 0.1, y: 0.1 })).data.addPhotoTag.userErrors[0].code).toBe('FORBIDDEN');
    expect((await tag(dana, { mediaId: m1, userId: stranger.id, x: 0.1, y: 0.1 })).data.addPhotoTag.userErrors[0].code).toBe('FORBIDDEN');
    expect((await tag(dana, { mediaId: outside, userId: friend.id, x: 0.1, y: 0.1 })).data.addPhotoTag.userErrors[0].code).toBe('INVALID');
    expect((await tag(dana, { mediaId: m1, userId: friend.id, x: -0.1, y: 0.1 })).data.addPhotoTag.userErrors[0]).toEqual({
      code: 'INVALID',
      field: ['input', 'x'],
    });
    expect(await snapshot(stack)).toEqual(before);
    const added = (await tag(dana, { mediaId: m1, userId: friend.id, x: 0, y: 1 })).data.addPhotoTag;
    expect(added).toMatchObject({ photoTag: { x: 0, y: 1, post: { id: post.id } }, userErrors: [] });

    const REMOVE = `mutation($id: ID!) { removePhotoTag(id: $id) { deletedId userErrors { code } } }`;
    expect((await gql(stack, REMOVE, { id: added.photoTag.id }, { token: stranger.token })).data.removePhotoTag.userErrors[0].code).toBe(
      'FORBIDDEN',
    );
    expect((await gql(stack, REMOVE, { id: added.photoTag.id }, { token: friend.token })).data.removePhotoTag.deletedId).toBe(
      added.photoTag.id,
    );
    expect((await gql(stack, REMOVE, { id: post.photoTags[0].id }, { token: dana.token })).data.removePhotoTag.deletedId).toBe(
      post.photoTags[0].id,
    );
    const after = await gql(stack, `query($id: ID!) { post(id: $id) { photoTags { id } } }`, { id: post.id });
    expect(after.data.post.photoTags).toEqual([]);
  });
});

import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { block, createPost } from './posts.testkit.js';

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

const ADD =
  'mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id likeCount viewerHasLiked } userErrors { code } } }';
const toggle = (name: 'likeComment' | 'unlikeComment') =>
  `mutation($id: ID!) { ${name}(commentId: $id) { comment { id likeCount viewerHasLiked } userErrors { code field } } }`;
const COMMENT = 'query($id: ID!) { node(id: $id) { ... on Comment { likeCount viewerHasLiked } } }';

async function comment(postId: string, who: TestUser): Promise<string> {
  const res = await gql(stack, ADD, { input: { postId, body: 'Nice one' } }, { token: who.token });
  expect(res.data.addComment.comment).toMatchObject({ likeCount: 0, viewerHasLiked: false });
  return res.data.addComment.comment.id;
}

describe('comment likes', () => {
  it('likes and unlikes idempotently, with counts and the viewer flag per viewer', async () => {
    const post = await createPost(stack, alice);
    const id = await comment(post.id, bob);
    const liked = await gql(stack, toggle('likeComment'), { id }, { token: alice.token });
    expect(liked.data.likeComment).toEqual({ comment: { id, likeCount: 1, viewerHasLiked: true }, userErrors: [] });
    const again = await Promise.all([1, 2, 3].map(() => gql(stack, toggle('likeComment'), { id }, { token: alice.token })));
    expect(again.map((r) => r.data.likeComment.comment.likeCount)).toEqual([1, 1, 1]);
    await gql(stack, toggle('likeComment'), { id }, { token: carol.token });
    expect((await gql(stack, COMMENT, { id }, { token: bob.token })).data.node).toEqual({ likeCount: 2, viewerHasLiked: false });
    expect((await gql(stack, COMMENT, { id })).data.node).toEqual({ likeCount: 2, viewerHasLiked: false }); // signed out

    const unliked = await gql(stack, toggle('unlikeComment'), { id }, { token: alice.token });
    expect(unliked.data.unlikeComment.comment).toEqual({ id, likeCount: 1, viewerHasLiked: false });
    const twice = await gql(stack, toggle('unlikeComment'), { id }, { token: alice.token });
    expect(twice.data.unlikeComment).toMatchObject({ comment: { likeCount: 1 }, userErrors: [] });
  });

  it('refuses a missing comment, a malformed id and a blocked commenter with userErrors', async () => {
    const post = await createPost(stack, alice);
    const id = await comment(post.id, bob);
    const malformed = await gql(stack, toggle('likeComment'), { id: 'nope' }, { token: alice.token });
    expect(malformed.data.likeComment.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['commentId'] }]);
    const dave = await signUp(stack);
    await block(stack, bob, dave);
    const blocked = await gql(stack, toggle('likeComment'), { id }, { token: dave.token });
    expect(blocked.data.likeComment.userErrors).toEqual([{ code: 'FORBIDDEN', field: ['commentId'] }]);
    const signedOut = await gql(stack, toggle('likeComment'), { id });
    expect(signedOut.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('leaves likes of people blocked with the viewer out of the count', async () => {
    const post = await createPost(stack, alice);
    const id = await comment(post.id, alice);
    const erin = await signUp(stack);
    await gql(stack, toggle('likeComment'), { id }, { token: erin.token });
    await gql(stack, toggle('likeComment'), { id }, { token: bob.token });
    await block(stack, carol, erin);
    expect((await gql(stack, COMMENT, { id }, { token: carol.token })).data.node.likeCount).toBe(1);
    expect((await gql(stack, COMMENT, { id }, { token: alice.token })).data.node.likeCount).toBe(2);
  });
});

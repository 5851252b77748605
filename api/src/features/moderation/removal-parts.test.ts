import { beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { uploadMedia } from '../media/media.testkit.js';
import { createPost } from '../posts/posts.testkit.js';
import { as, REMOVE, useRemovalCast } from './reports.testkit.js';

let stack: TestStack;
let author: TestUser;
let member: TestUser;
let mod: TestUser;
const cast = useRemovalCast();
beforeAll(() => void ({ stack, author, member, mod } = cast));

const NODE = 'query($id: ID!) { node(id: $id) { id } }';
const LIKE = 'mutation($id: ID!) { likePost(postId: $id) { userErrors { code } } }';
const PARTS = 'query($id: ID!) { post(id: $id) { likes(first: 10) { nodes { id } } photoTags { id } } }';

describe('the parts of a removed post', () => {
  it('hides its photos, likes and photo tags from node(id) for members; staff still see them', async () => {
    const photo = await uploadMedia(stack, author.token);
    const post = await createPost(stack, author, { mediaIds: [photo], photoTags: [{ mediaId: photo, userId: member.id, x: 0.5, y: 0.5 }] });
    expect((await as(stack, member, LIKE, { id: post.id })).data.likePost.userErrors).toEqual([]);
    const parts = (await as(stack, author, PARTS, { id: post.id })).data.post;
    const ids = [photo, parts.likes.nodes[0].id, parts.photoTags[0].id];
    const seen = async (who: TestUser) => Promise.all(ids.map(async (id) => (await as(stack, who, NODE, { id })).data.node !== null));
    expect(await seen(member)).toEqual([true, true, true]);

    expect((await as(stack, mod, REMOVE, { id: post.id, reason: 'Spam' })).data.removeContent.userErrors).toEqual([]);
    expect(await seen(member)).toEqual([false, false, false]);
    expect(await seen(mod)).toEqual([true, true, true]);
  });
});

import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { uploadMedia } from '../media/media.testkit.js';
import { befriend, block, CREATE, createPost, notificationsOf, raw, snapshot, UPDATE } from './posts.testkit.js';

// Issue 14: a post is text, photos or both (the title optional), each photo has its own alt text, and @mentions notify.

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

const ALTS = `query($id: ID!) { post(id: $id) { title body media { id altText } } }`;

describe('text, photos or both', () => {
  it('writes a post without a title: photos only, text only, or both', async () => {
    const photo = await uploadMedia(stack, alice.token);
    const photosOnly = await gql(stack, CREATE, { input: { mediaIds: [photo] } }, { token: alice.token });
    expect(photosOnly.data.createPost).toMatchObject({ userErrors: [], post: { title: '', body: '', media: [{ id: photo }] } });
    const textOnly = await gql(stack, CREATE, { input: { body: 'Just words today' } }, { token: alice.token });
    expect(textOnly.data.createPost).toMatchObject({ userErrors: [], post: { title: '', body: 'Just words today', media: [] } });
  });

  it('refuses a post with neither text nor photos, on create and on update', async () => {
    const before = await snapshot(stack);
    const empty = await gql(stack, CREATE, { input: { title: ' ', body: ' ', mediaIds: [] } }, { token: alice.token });
    expect(empty.data.createPost.post).toBeNull();
    expect(empty.data.createPost.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'body'] })]);
    expect(await snapshot(stack)).toEqual(before);

    const post = await createPost(stack, alice, { title: '', body: 'Words', mediaIds: [] });
    const emptied = await gql(stack, UPDATE, { id: post.id, input: { body: '' } }, { token: alice.token });
    expect(emptied.data.updatePost.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'body'] })]);
    const titled = await gql(stack, UPDATE, { id: post.id, input: { title: 'Now titled', body: '' } }, { token: alice.token });
    expect(titled.data.updatePost).toMatchObject({ userErrors: [], post: { title: 'Now titled', body: '' } });
  });
});

describe('#tags in the text', () => {
  it('become tags of the post (after the ones given), so the tag page lists it; an edit adds new ones', async () => {
    const post = await createPost(stack, alice, { title: '', body: 'Night walk #Hangang #야경 and #hangang again', tags: ['walk'] });
    expect(post.tags.map((t: { name: string }) => t.name)).toEqual(['walk', 'hangang', '야경']);
    const listed = await gql(stack, '{ posts(tag: "야경") { nodes { id } } }', {}, { token: bob.token });
    expect(listed.data.posts.nodes).toEqual([{ id: post.id }]);

    const edited = await gql(stack, UPDATE, { id: post.id, input: { body: 'Night walk #hangang #bridge' } }, { token: alice.token });
    expect(edited.data.updatePost.post.tags.map((t: { name: string }) => t.name)).toEqual(['walk', 'hangang', '야경', 'bridge']);
    const retagged = await gql(stack, UPDATE, { id: post.id, input: { tags: ['walk'] } }, { token: alice.token });
    expect(retagged.data.updatePost.post.tags.map((t: { name: string }) => t.name)).toEqual(['walk', 'hangang', 'bridge']);
  });
});

describe('per-photo alt text', () => {
  it('stores one alt text per photo through `photos`, on create and on update', async () => {
    const [m1, m2] = [await uploadMedia(stack, alice.token), await uploadMedia(stack, alice.token)];
    const res = await gql(
      stack,
      CREATE,
      {
        input: {
          photos: [
            { mediaId: m2, altText: ' A cat on a wall ' },
            { mediaId: m1, altText: '' },
          ],
        },
      },
      { token: alice.token },
    );
    expect(res.data.createPost.userErrors).toEqual([]);
    const id = res.data.createPost.post.id;
    expect((await gql(stack, ALTS, { id }, { token: bob.token })).data.post.media).toEqual([
      { id: m2, altText: 'A cat on a wall' },
      { id: m1, altText: null },
    ]);

    const updated = await gql(
      stack,
      UPDATE,
      {
        id,
        input: {
          photos: [
            { mediaId: m1, altText: 'The sea at dusk' },
            { mediaId: m2, altText: 'A cat on a wall' },
          ],
        },
      },
      { token: alice.token },
    );
    expect(updated.data.updatePost.userErrors).toEqual([]);
    expect((await gql(stack, ALTS, { id }, { token: bob.token })).data.post.media).toEqual([
      { id: m1, altText: 'The sea at dusk' },
      { id: m2, altText: 'A cat on a wall' },
    ]);
  });

  it('refuses an alt text that is too long on its own field and changes nothing', async () => {
    const photo = await uploadMedia(stack, alice.token);
    const before = await snapshot(stack);
    const res = await gql(stack, CREATE, { input: { photos: [{ mediaId: photo, altText: 'x'.repeat(501) }] } }, { token: alice.token });
    expect(res.data.createPost.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID', field: ['input', 'photos', '0', 'altText'] }),
    ]);
    expect(await snapshot(stack)).toEqual(before);
  });

  it("cannot set the alt text of someone else's photo", async () => {
    const bobs = await uploadMedia(stack, bob.token);
    const res = await gql(stack, CREATE, { input: { photos: [{ mediaId: bobs, altText: 'mine now' }] } }, { token: alice.token });
    expect(res.data.createPost.userErrors[0]).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'mediaIds', '0'] });
  });
});

describe('@mentions', () => {
  const mentionsOf = async (who: TestUser) => (await notificationsOf(stack, who)).filter((n) => n.type === 'MENTION');

  it('notifies the people mentioned in a post once, never the writer, and names added by an edit only', async () => {
    const dave = await signUp(stack);
    const post = await createPost(stack, alice, {
      title: '',
      body: `Lunch with @${bob.username} and @${bob.username.toUpperCase()}, thanks @${alice.username}! cc someone@${carol.username}.com`,
    });
    expect(await mentionsOf(bob)).toEqual([expect.objectContaining({ actor_id: raw(alice.id), post_id: raw(post.id), comment_id: null })]);
    expect(await mentionsOf(alice)).toEqual([]); // no self-notification
    expect(await mentionsOf(carol)).toEqual([]); // an e-mail address is not a mention

    await gql(
      stack,
      UPDATE,
      { id: post.id, input: { body: `Lunch with @${bob.username} and @${dave.username}.` } },
      { token: alice.token },
    );
    expect(await mentionsOf(bob)).toHaveLength(1);
    expect(await mentionsOf(dave)).toEqual([expect.objectContaining({ post_id: raw(post.id) })]);

    const inbox = await gql(stack, '{ notifications(first: 5) { nodes { type actor { id } post { id } } } }', {}, { token: dave.token });
    expect(inbox.data.notifications.nodes).toContainEqual({ type: 'MENTION', actor: { id: alice.id }, post: { id: post.id } });
  });

  it('notifies a person mentioned in a comment with the comment', async () => {
    const post = await createPost(stack, alice, { body: 'A walk' });
    const res = await gql(
      stack,
      'mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id } userErrors { code } } }',
      { input: { postId: post.id, body: `@${carol.username} look at this` } },
      { token: bob.token },
    );
    const commentId = res.data.addComment.comment.id;
    expect(await mentionsOf(carol)).toContainEqual(expect.objectContaining({ comment_id: raw(commentId), actor_id: raw(bob.id) }));
  });

  it('does not notify someone blocked either way, nor someone who may not see the post', async () => {
    const [eve, frank] = [await signUp(stack), await signUp(stack)];
    await block(stack, eve, alice); // eve blocked alice: alice's posts are hidden from her
    await befriend(stack, alice, frank);
    await block(stack, alice, frank); // alice blocked frank
    await createPost(stack, alice, { body: `Hello @${eve.username} and @${frank.username}` });
    expect(await mentionsOf(eve)).toEqual([]);
    expect(await mentionsOf(frank)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { createRoom, WEBHOOKS_ENV } from '../facechat/facechat.testkit.js';
import { createPost } from '../posts/posts.testkit.js';
import { as, makeStaff, REMOVE } from './reports.testkit.js';

/** The staff console's lists: everything (removed content included) with search, filters and pages; staff only. */
let stack: TestStack;
let author: TestUser;
let other: TestUser;
let member: TestUser;
let mod: TestUser;
const word = `zq${Date.now().toString(36)}`;

beforeAll(async () => {
  stack = await startTestStack(WEBHOOKS_ENV);
  [author, other, member, mod] = [
    await signUp(stack, { displayName: `Author ${word}` }),
    await signUp(stack),
    await signUp(stack),
    await signUp(stack),
  ];
  await makeStaff(stack, mod);
});
afterAll(async () => {
  await stack?.stop();
});

const ADMIN_POSTS = `query($query: String, $status: ContentStatus, $authorId: ID, $tag: String, $first: Int, $after: String) {
  adminPosts(query: $query, status: $status, authorId: $authorId, tag: $tag, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id title removedAt author { id } } } }`;
const ADMIN_COMMENTS = `query($query: String, $status: ContentStatus, $authorId: ID, $postId: ID, $first: Int) {
  adminComments(query: $query, status: $status, authorId: $authorId, postId: $postId, first: $first) { totalCount nodes { id body removedAt } } }`;
const ADMIN_ROOMS = `query($query: String, $state: AdminRoomState, $ownerId: ID) {
  adminRooms(query: $query, state: $state, ownerId: $ownerId) { totalCount nodes { id title removedAt closedAt } } }`;
const ADMIN_TAGS = `query($query: String, $first: Int, $after: String) {
  adminTags(query: $query, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name postCount } } }`;
const ADD_COMMENT = 'mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id } userErrors { code } } }';
const POST_REMOVED_AT = 'query($id: ID!) { post(id: $id) { id removedAt } }';

const ids = (list: { nodes: { id: string }[] }) => list.nodes.map((n) => n.id);
const errorCode = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

describe('adminPosts', () => {
  it('lists removed posts with removedAt for staff, filtered by status, text, author and tag, in pages', async () => {
    const kept = await createPost(stack, author, { title: `Kept ${word}`, tags: [`${word}tag`] });
    const removed = await createPost(stack, author, { title: `Spam ${word}`, tags: [`${word}tag`] });
    const others = await createPost(stack, other, { title: `Other ${word}` });
    expect((await as(stack, mod, REMOVE, { id: removed.id, reason: 'spam' })).data.removeContent.userErrors).toEqual([]);

    const all = (await as(stack, mod, ADMIN_POSTS, { query: word })).data.adminPosts;
    expect(ids(all)).toEqual([others.id, removed.id, kept.id]);
    expect(all.totalCount).toBe(3);
    const removedRow = all.nodes.find((n: { id: string }) => n.id === removed.id);
    expect(Date.parse(removedRow.removedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(all.nodes.find((n: { id: string }) => n.id === kept.id).removedAt).toBeNull();

    expect(ids((await as(stack, mod, ADMIN_POSTS, { query: word, status: 'REMOVED' })).data.adminPosts)).toEqual([removed.id]);
    expect(ids((await as(stack, mod, ADMIN_POSTS, { query: word, status: 'VISIBLE' })).data.adminPosts)).toEqual([others.id, kept.id]);
    expect(ids((await as(stack, mod, ADMIN_POSTS, { authorId: other.id })).data.adminPosts)).toEqual([others.id]);
    expect(ids((await as(stack, mod, ADMIN_POSTS, { tag: `#${word}TAG` })).data.adminPosts)).toEqual([removed.id, kept.id]);
    // The author's display name matches too.
    expect(ids((await as(stack, mod, ADMIN_POSTS, { query: `author ${word}` })).data.adminPosts)).toEqual([removed.id, kept.id]);

    const first = (await as(stack, mod, ADMIN_POSTS, { query: word, first: 2 })).data.adminPosts;
    expect(ids(first)).toEqual([others.id, removed.id]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await as(stack, mod, ADMIN_POSTS, { query: word, first: 2, after: first.pageInfo.endCursor })).data.adminPosts;
    expect(ids(second)).toEqual([kept.id]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(second.totalCount).toBe(3);

    // Members: FORBIDDEN for the list, and removedAt is null (not an error) for anyone but staff.
    expect(errorCode(await as(stack, member, ADMIN_POSTS, {}))).toBe('FORBIDDEN');
    expect((await as(stack, author, POST_REMOVED_AT, { id: kept.id })).data.post).toEqual({ id: kept.id, removedAt: null });
  });

  it('rejects a bad page size, cursor or author id as BAD_USER_INPUT', async () => {
    expect(errorCode(await as(stack, mod, ADMIN_POSTS, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await as(stack, mod, ADMIN_POSTS, { first: -1 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await as(stack, mod, ADMIN_POSTS, { after: 'nonsense' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await as(stack, mod, ADMIN_POSTS, { authorId: 'nonsense' }))).toBe('BAD_USER_INPUT');
  });
});

describe('adminComments', () => {
  it('lists comments newest first with removed ones, filtered by status, post, author and text', async () => {
    const post = await createPost(stack, author, { title: 'Commented' });
    const add = async (who: TestUser, body: string) =>
      (await as(stack, who, ADD_COMMENT, { input: { postId: post.id, body } })).data.addComment.comment.id as string;
    const nice = await add(other, `nice ${word}`);
    const nasty = await add(member, `nasty ${word}`);
    expect((await as(stack, mod, REMOVE, { id: nasty, reason: 'rude' })).data.removeContent.userErrors).toEqual([]);

    const all = (await as(stack, mod, ADMIN_COMMENTS, { postId: post.id })).data.adminComments;
    expect(ids(all)).toEqual([nasty, nice]);
    expect(all.totalCount).toBe(2);
    expect(all.nodes[0].removedAt).not.toBeNull();
    expect(all.nodes[1].removedAt).toBeNull();
    expect(ids((await as(stack, mod, ADMIN_COMMENTS, { postId: post.id, status: 'REMOVED' })).data.adminComments)).toEqual([nasty]);
    expect(ids((await as(stack, mod, ADMIN_COMMENTS, { authorId: other.id, query: word })).data.adminComments)).toEqual([nice]);
    expect(ids((await as(stack, mod, ADMIN_COMMENTS, { query: `nasty ${word}` })).data.adminComments)).toEqual([nasty]);
    expect(errorCode(await as(stack, member, ADMIN_COMMENTS, {}))).toBe('FORBIDDEN');
    expect(errorCode(await as(stack, mod, ADMIN_COMMENTS, { postId: author.id }))).toBe('BAD_USER_INPUT');
  });
});

describe('adminRooms', () => {
  it('lists open, closed and removed rooms by state, owner and title', async () => {
    const open = await createRoom(stack, author, { title: `Open ${word}` });
    const removed = await createRoom(stack, author, { title: `Removed ${word}` });
    const closed = await createRoom(stack, other, { title: `Closed ${word}` });
    expect((await as(stack, mod, REMOVE, { id: removed.id, reason: 'bad' })).data.removeContent.userErrors).toEqual([]);
    await stack.orm.em
      .fork()
      .getConnection()
      .execute(`update rooms set closed_at = now() where title = ?`, [`Closed ${word}`]);

    const all = (await as(stack, mod, ADMIN_ROOMS, { query: word })).data.adminRooms;
    expect(ids(all)).toEqual([closed.id, removed.id, open.id]);
    expect(all.nodes[0].closedAt).not.toBeNull();
    expect(all.nodes[1].removedAt).not.toBeNull();
    const state = async (s: string) => ids((await as(stack, mod, ADMIN_ROOMS, { query: word, state: s })).data.adminRooms);
    expect(await state('OPEN')).toEqual([open.id]);
    expect(await state('CLOSED')).toEqual([closed.id]);
    expect(await state('REMOVED')).toEqual([removed.id]);
    expect(await state('LIVE')).toEqual([]);
    expect(ids((await as(stack, mod, ADMIN_ROOMS, { ownerId: other.id })).data.adminRooms)).toEqual([closed.id]);
    expect(errorCode(await as(stack, member, ADMIN_ROOMS, {}))).toBe('FORBIDDEN');
  });
});

describe('adminTags', () => {
  it('lists tags containing the text, most used first, in pages', async () => {
    await createPost(stack, author, { title: 't1', tags: [`a${word}x`, `b${word}y`] });
    await createPost(stack, author, { title: 't2', tags: [`b${word}y`] });
    const first = (await as(stack, mod, ADMIN_TAGS, { query: `#${word}`, first: 1 })).data.adminTags;
    expect(first.nodes).toEqual([{ name: `b${word}y`, postCount: 2 }]);
    expect(first.totalCount).toBeGreaterThanOrEqual(2);
    const next = (await as(stack, mod, ADMIN_TAGS, { query: word, first: 1, after: first.pageInfo.endCursor })).data.adminTags;
    expect(next.nodes[0]).toEqual({ name: `a${word}x`, postCount: 1 });
    expect(errorCode(await as(stack, member, ADMIN_TAGS, {}))).toBe('FORBIDDEN');
    expect(errorCode(await gql(stack, ADMIN_TAGS, {}))).toBe('UNAUTHENTICATED');
  });
});

import { RoomServiceClient } from 'livekit-server-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, subscribe, wsClient, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { as as facechatAs, createRoom, JOIN, livekit, LOBBY, presence, rawRoom, ROOM, WEBHOOKS_ENV } from '../facechat/facechat.testkit.js';
import { befriend, createPost, POSTS } from '../posts/posts.testkit.js';
import { as, END_ROOM, LOG, REMOVE, RESTORE, useRemovalCast } from './reports.testkit.js';

let stack: TestStack;
let author: TestUser;
let member: TestUser;
let mod: TestUser;
const cast = useRemovalCast(WEBHOOKS_ENV);
beforeAll(() => void ({ stack, author, member, mod } = cast));

const SEND = 'mutation($id: ID!, $body: String!) { sendChatMessage(roomId: $id, body: $body) { message { id } userErrors { code } } }';
const CHAT = 'query($id: ID!) { chatMessages(roomId: $id) { totalCount nodes { id } } }';
const NODE = 'query($id: ID!) { node(id: $id) { id } }';
const FEED = 'query { feed(first: 50) { nodes { id } } }';
const PROFILE = 'query($id: ID!) { user(id: $id) { postCount posts(first: 50) { totalCount nodes { id } } } }';
const COMMENTS = 'query($id: ID!) { post(id: $id) { commentCount comments(first: 50) { totalCount nodes { id } } } }';
const ADD_COMMENT = 'mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id } userErrors { code } } }';
const INBOX = 'query { notifications(first: 50) { totalCount nodes { type comment { id } } } }';

const tagCount = async (name: string) =>
  (await as(stack, member, 'query($q: String) { tags(query: $q) { name postCount } }', { q: name })).data.tags.find(
    (t: { name: string }) => t.name === name,
  )?.postCount;

/** Where a post can be seen by `who`: feed, profile (list and count), tag page, search and node(id). */
async function placesOf(who: TestUser, post: { id: string }, tag: string, word: string) {
  const ids = (list: { nodes: { id: string }[] }) => list.nodes.some((n) => n.id === post.id);
  const [feed, profile, tagPage, search, node] = await Promise.all([
    as(stack, who, FEED),
    as(stack, who, PROFILE, { id: author.id }),
    as(stack, who, POSTS, { tag }),
    as(stack, who, POSTS, { query: word }),
    as(stack, who, NODE, { id: post.id }),
  ]);
  return {
    feed: ids(feed.data.feed),
    profile: ids(profile.data.user.posts),
    tagPage: ids(tagPage.data.posts),
    search: ids(search.data.posts),
    node: node.data.node !== null,
  };
}

describe('removeContent / restoreContent', () => {
  it('hides a removed post from members on every path while staff still see it; restoring brings it back', async () => {
    const word = `zebra${Date.now()}`;
    const tag = `mod${Date.now()}`;
    const post = await createPost(stack, author, { title: `About ${word}`, tags: [tag] });
    const everywhere = { feed: true, profile: true, tagPage: true, search: true, node: true };
    expect(await placesOf(member, post, tag, word)).toEqual(everywhere);

    const memberTry = await as(stack, member, REMOVE, { id: post.id, reason: 'spam' });
    expect(memberTry.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const noReason = await as(stack, mod, REMOVE, { id: post.id, reason: '  ' });
    expect(noReason.data.removeContent.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['reason'] });

    const removed = await as(stack, mod, REMOVE, { id: post.id, reason: 'Spam links' });
    expect(removed.data.removeContent).toMatchObject({
      userErrors: [],
      action: { type: 'REMOVE_CONTENT', subjectId: post.id, reason: 'Spam links' },
    });
    const nowhere = { feed: false, profile: false, tagPage: false, search: false, node: false };
    expect(await placesOf(member, post, tag, word)).toEqual(nowhere);
    expect(await tagCount(tag)).toBe(0);
    // The author no longer sees it either (profile count included), but staff do.
    expect((await as(stack, author, PROFILE, { id: author.id })).data.user.postCount).toBe(0);
    expect((await as(stack, mod, NODE, { id: post.id })).data.node).toEqual({ id: post.id });
    expect((await as(stack, mod, POSTS, { query: word })).data.posts.nodes).toEqual([expect.objectContaining({ id: post.id })]);
    // Nobody can act on it meanwhile.
    const like = await as(stack, member, 'mutation($id: ID!) { likePost(postId: $id) { userErrors { code } } }', { id: post.id });
    expect(like.data.likePost.userErrors[0].code).toBe('NOT_FOUND');

    const restored = await as(stack, mod, RESTORE, { id: post.id });
    const log = (await as(stack, mod, LOG)).data.moderationLog.nodes;
    expect(log.slice(0, 2)).toEqual([
      { type: 'RESTORE_CONTENT', subjectId: post.id, reason: null, moderator: { id: mod.id } },
      { type: 'REMOVE_CONTENT', subjectId: post.id, reason: 'Spam links', moderator: { id: mod.id } },
    ]);
    expect(restored.data.restoreContent).toMatchObject({ userErrors: [], action: { type: 'RESTORE_CONTENT', subjectId: post.id } });
    expect(await placesOf(member, post, tag, word)).toEqual(everywhere);
    expect(await tagCount(tag)).toBe(1);

    const unknown = await as(stack, mod, REMOVE, { id: member.id, reason: 'users are suspended, not removed' });
    expect(unknown.data.removeContent.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['subjectId'] });
  });

  it('hides a removed comment from comment lists, counts, node and the notifications about it', async () => {
    const post = await createPost(stack, author);
    const comment = (await as(stack, member, ADD_COMMENT, { input: { postId: post.id, body: 'nasty words' } })).data.addComment.comment;
    expect((await as(stack, author, INBOX)).data.notifications.nodes).toContainEqual({ type: 'COMMENT', comment: { id: comment.id } });

    await as(stack, mod, REMOVE, { id: comment.id, reason: 'Harassment' });
    for (const viewer of [author, member]) {
      const seen = (await as(stack, viewer, COMMENTS, { id: post.id })).data.post;
      expect(seen).toEqual({ commentCount: 0, comments: { totalCount: 0, nodes: [] } });
      expect((await as(stack, viewer, NODE, { id: comment.id })).data.node).toBeNull();
    }
    const inbox = (await as(stack, author, INBOX)).data.notifications;
    expect(inbox.nodes.filter((n: { comment: { id: string } | null }) => n.comment?.id === comment.id)).toEqual([]);
    expect((await as(stack, mod, COMMENTS, { id: post.id })).data.post.comments.nodes).toEqual([{ id: comment.id }]);
  });

  it('hides a removed chat message from the chat history and node(id); staff still see it', async () => {
    const room = await createRoom(stack, author);
    await presence(stack, 'participant_joined', room.id, author); // connected per LiveKit: a participant
    const message = (await as(stack, author, SEND, { id: room.id, body: 'buy followers' })).data.sendChatMessage;
    expect(message.userErrors).toEqual([]);
    expect((await as(stack, member, CHAT, { id: room.id })).data.chatMessages.totalCount).toBe(1);
    await as(stack, mod, REMOVE, { id: message.message.id, reason: 'Spam' });
    expect((await as(stack, member, NODE, { id: message.message.id })).data.node).toBeNull();
    expect((await as(stack, member, CHAT, { id: room.id })).data.chatMessages).toEqual({ totalCount: 0, nodes: [] });
    expect((await as(stack, mod, CHAT, { id: room.id })).data.chatMessages.totalCount).toBe(1);
  });

  it('a removed room leaves the lobby and node(id) for members; live likes on a removed post stop', async () => {
    const room = await createRoom(stack, author, { title: `Lobby ${Date.now()}` });
    const inLobby = async (who: TestUser) =>
      ((await facechatAs(stack, who, LOBBY, { first: 100 })).nodes as { id: string }[]).some((r) => r.id === room.id);
    expect(await inLobby(member)).toBe(true);
    await as(stack, mod, REMOVE, { id: room.id, reason: 'Hate speech on stream' });
    expect(await inLobby(member)).toBe(false);
    expect(await facechatAs(stack, member, ROOM, { id: room.id })).toBeNull();

    const post = await createPost(stack, author);
    const socket = wsClient(stack, author.token);
    try {
      const likes = subscribe(socket, 'subscription { postLiked { post { id } } }');
      await new Promise((r) => setTimeout(r, 300));
      await as(stack, member, 'mutation($id: ID!) { likePost(postId: $id) { userErrors { code } } }', { id: post.id });
      await likes.next(5000);
      await as(stack, member, 'mutation($id: ID!) { unlikePost(postId: $id) { userErrors { code } } }', { id: post.id });
      await as(stack, mod, REMOVE, { id: post.id, reason: 'x' });
      const other = await signUp(stack);
      await befriend(stack, author, other);
      await gql(stack, 'mutation($id: ID!) { likePost(postId: $id) { userErrors { code } } }', { id: post.id }, { token: other.token });
      await expect(likes.next(1000)).rejects.toThrow(/no event/);
    } finally {
      await socket.dispose();
    }
  });
});

describe.skipIf(!livekit)('endRoom with the real LiveKit server', () => {
  const lk = () => new RoomServiceClient(livekit!.url.replace(/^ws/, 'http'), livekit!.apiKey, livekit!.apiSecret);

  it('disconnects everyone, closes the room and logs END_ROOM', async () => {
    const room = await createRoom(stack, author);
    expect((await facechatAs(stack, member, JOIN, { id: room.id })).userErrors).toEqual([]);
    await presence(stack, 'participant_joined', room.id, member);
    expect((await lk().listRooms([rawRoom(room.id)])).length).toBe(1);

    expect((await as(stack, member, END_ROOM, { id: room.id, reason: 'x' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const ended = await as(stack, mod, END_ROOM, { id: room.id, reason: 'Violence on camera' });
    expect(ended.data.endRoom).toMatchObject({ userErrors: [], action: { type: 'END_ROOM', subjectId: room.id } });
    await expect.poll(async () => (await lk().listRooms([rawRoom(room.id)])).length).toBe(0);
    expect((await facechatAs(stack, author, ROOM, { id: room.id })).participantCount).toBe(0);
    const lobby = (await facechatAs(stack, member, LOBBY, { first: 100 })).nodes as { id: string }[];
    expect(lobby.map((r) => r.id)).not.toContain(room.id);
    expect((await facechatAs(stack, member, JOIN, { id: room.id })).userErrors[0].code).toBeTruthy();

    const log = (await as(stack, mod, LOG)).data.moderationLog.nodes as { type: string; subjectId: string }[];
    expect(log).toContainEqual(expect.objectContaining({ type: 'END_ROOM', subjectId: room.id, reason: 'Violence on camera' }));
  });

  it('removing a room ends its call too', async () => {
    const room = await createRoom(stack, author);
    expect((await facechatAs(stack, member, JOIN, { id: room.id })).userErrors).toEqual([]);
    await presence(stack, 'participant_joined', room.id, member);
    expect((await lk().listRooms([rawRoom(room.id)])).length).toBe(1);
    expect((await as(stack, mod, REMOVE, { id: room.id, reason: 'Nudity' })).data.removeContent.userErrors).toEqual([]);
    await expect.poll(async () => (await lk().listRooms([rawRoom(room.id)])).length).toBe(0);
    expect((await facechatAs(stack, member, JOIN, { id: room.id })).userErrors[0].code).toBe('NOT_FOUND');
  });
});

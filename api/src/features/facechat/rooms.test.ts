import { beforeAll, describe, expect, it } from 'vitest';
import { gql, settle, subscribe } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import {
  as,
  befriend,
  block,
  CREATE,
  createRoom,
  DELETE,
  LOBBY,
  presence,
  ROOM,
  UPDATE,
  useStack,
  WEBHOOKS_ENV,
} from './facechat.testkit.js';

const t = useStack(WEBHOOKS_ENV);
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { client, users } = t;
const codes = (res: { userErrors: { code: string; field: string[] }[] }) => res.userErrors.map((e) => `${e.code}:${e.field?.join('.')}`);

describe('createRoom / updateRoom / deleteRoom', () => {
  it('creates a room with defaults, normalised tags and the owner as editor', async () => {
    const [owner, other] = await users(2);
    const res = await as(stack, owner, CREATE, { input: { title: '  한국어 방  ', tags: ['#Chat', 'chat', '수다'] } });
    expect(res.userErrors).toEqual([]);
    expect(res.room).toMatchObject({
      title: '한국어 방',
      capacity: 8,
      visibility: 'PUBLIC',
      viewerCanEdit: true,
      isLive: false,
      participantCount: 0,
      owner: { id: owner.id },
      tags: [{ name: 'chat' }, { name: '수다' }],
      participants: [],
    });
    expect((await as(stack, other, ROOM, { id: res.room.id })).viewerCanEdit).toBe(false);
    const node = await gql(stack, 'query($id: ID!) { node(id: $id) { __typename ... on FacechatRoom { title } } }', { id: res.room.id });
    expect(node.data.node).toEqual({ __typename: 'FacechatRoom', title: '한국어 방' });
  });

  it('validates title, capacity and tags, all at once', async () => {
    const [owner] = await users(1);
    const bad = await as(stack, owner, CREATE, { input: { title: ' ', capacity: 17, tags: ['no spaces'] } });
    expect(codes(bad).sort()).toEqual(['INVALID:input.capacity', 'INVALID:input.tags', 'INVALID:input.title']);
    expect(bad.room).toBeNull();
    expect(codes(await as(stack, owner, CREATE, { input: { title: 'x'.repeat(61) } }))).toEqual(['INVALID:input.title']);
    expect(codes(await as(stack, owner, CREATE, { input: { title: 'ok', capacity: 1 } }))).toEqual(['INVALID:input.capacity']);
    expect((await as(stack, owner, CREATE, { input: { title: 'x'.repeat(60), capacity: 16 } })).userErrors).toEqual([]);
    expect((await as(stack, null, CREATE, { input: { title: 'x' } })).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('only the owner updates and deletes; updates reach roomUpdated, deletion ends it', async () => {
    const [owner, other] = await users(2);
    const room = await createRoom(stack, owner, { tags: ['a'] });
    const events = subscribe(
      client(other.token),
      'subscription($id: ID!) { roomUpdated(roomId: $id) { title capacity visibility tags { name } } }',
      { id: room.id },
    );
    await settle();

    expect(codes(await as(stack, other, UPDATE, { id: room.id, input: { title: 'mine' } }))).toEqual(['FORBIDDEN:id']);
    expect(codes(await as(stack, owner, UPDATE, { id: room.id, input: { capacity: 20 } }))).toEqual(['INVALID:input.capacity']);
    const updated = await as(stack, owner, UPDATE, { id: room.id, input: { title: 'New title', capacity: 4, tags: ['b', 'c'] } });
    expect(updated.room).toMatchObject({ title: 'New title', capacity: 4, visibility: 'PUBLIC', tags: [{ name: 'b' }, { name: 'c' }] });
    expect((await events.next(1000)).data.roomUpdated).toEqual({
      title: 'New title',
      capacity: 4,
      visibility: 'PUBLIC',
      tags: [{ name: 'b' }, { name: 'c' }],
    });

    expect(codes(await as(stack, other, DELETE, { id: room.id }))).toEqual(['FORBIDDEN:id']);
    expect(await as(stack, owner, DELETE, { id: room.id })).toEqual({ deletedId: room.id, userErrors: [] });
    await expect.poll(() => events.completed).toBe(true);
    expect(codes(await as(stack, owner, DELETE, { id: room.id }))).toEqual(['NOT_FOUND:id']);
  });

  it('roomUpdated is refused for a room the viewer may not see', async () => {
    const [owner, stranger] = await users(2);
    const room = await createRoom(stack, owner, { visibility: 'FRIENDS' });
    const events = subscribe(client(stranger.token), 'subscription($id: ID!) { roomUpdated(roomId: $id) { id } }', { id: room.id });
    await expect.poll(() => events.error ?? events.events[0]?.errors).toBeTruthy();
  });
});

describe('rooms (the lobby)', () => {
  it('lists the rooms the viewer may join, live first, then newest; matches title and tags', async () => {
    const [owner, friend, stranger, blocked] = await users(4);
    await befriend(stack, owner, friend);
    const marker = `m${Date.now().toString(36)}`;
    const pub = await createRoom(stack, owner, { title: `${marker} public`, tags: ['kpop'] });
    const friends = await createRoom(stack, owner, { title: `${marker} friends`, visibility: 'FRIENDS' });
    const priv = await createRoom(stack, owner, { title: `${marker} private`, visibility: 'PRIVATE' });
    const live = await createRoom(stack, stranger, { title: `${marker} live`, tags: [`${marker}tag`] });
    await presence(stack, 'participant_joined', live.id, stranger);
    await block(stack, blocked, owner);

    const titles = async (who: typeof owner | null, query = marker) =>
      (await as(stack, who, LOBBY, { query })).nodes.map((n: { title: string }) => n.title.replace(`${marker} `, ''));
    expect(await titles(owner)).toEqual(['live', 'private', 'friends', 'public']);
    expect(await titles(friend)).toEqual(['live', 'friends', 'public']);
    expect(await titles(stranger)).toEqual(['live', 'public']);
    expect(await titles(blocked)).toEqual(['live']);
    expect(await titles(null)).toEqual(['live', 'public']);
    expect(await titles(friend, `#${marker}TAG`)).toEqual(['live']);
    expect(await titles(friend, `${marker} FRIENDS`)).toEqual(['friends']);
    expect((await as(stack, friend, LOBBY, { query: 'kpop' })).nodes.map((n: { id: string }) => n.id)).toContain(pub.id);
    void friends;
    void priv;

    const page1 = await as(stack, owner, LOBBY, { query: marker, first: 2 });
    expect(page1).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    expect(page1.nodes[0]).toMatchObject({ title: `${marker} live`, isLive: true });
    const page2 = await as(stack, owner, LOBBY, { query: marker, first: 2, after: page1.pageInfo.endCursor });
    expect([...page1.nodes, ...page2.nodes].map((n: { title: string }) => n.title.replace(`${marker} `, ''))).toEqual([
      'live',
      'private',
      'friends',
      'public',
    ]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const bad = await gql(stack, LOBBY, { after: 'nonsense' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves a page of rooms with a bounded number of queries', async () => {
    const [owner] = await users(1);
    const marker = `q${Date.now().toString(36)}`;
    for (let i = 0; i < 6; i++) await createRoom(stack, owner, { title: `${marker} ${i}`, tags: ['x', `t${i}`] });
    const document = `query($q: String) { rooms(query: $q) { nodes { id owner { id } tags { name } participants { id } participantCount isLive viewerCanEdit viewerIsParticipant } } }`;
    const { result, queries } = await stack.countQueries(() => gql(stack, document, { q: marker }, { token: owner.token }));
    expect(result.data.rooms.nodes).toHaveLength(6);
    expect(queries).toBeLessThanOrEqual(8);
  });
});

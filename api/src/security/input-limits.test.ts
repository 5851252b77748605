import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, subscribe, wsClient, type TestUser } from '../test/client.js';
import { startTestStack, type TestStack } from '../test/stack.js';

let stack: TestStack;
let user: TestUser;
beforeAll(async () => {
  stack = await startTestStack();
  user = await signUp(stack);
});
afterAll(async () => {
  await stack?.stop();
});

const CREATE_ROOM = 'mutation($input: CreateRoomInput!) { createRoom(input: $input) { room { id } userErrors { field code message } } }';
const UPDATE_PROFILE =
  'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { user { displayName } userErrors { field code message } } }';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken userErrors { field code message } } }';

const roomCount = async () => Number((await stack.orm.em.fork().getConnection().execute('select count(*) as n from rooms'))[0].n);

describe('list inputs', () => {
  it('refuses a huge tags list (variables) with an INVALID userError on input.tags, creating nothing', async () => {
    const before = await roomCount();
    const tags = Array.from({ length: 5000 }, (_, i) => `tag${i}`);
    const res = await gql(stack, CREATE_ROOM, { input: { title: 'Many tags', tags } }, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.data.createRoom.room).toBeNull();
    expect(res.data.createRoom.userErrors).toEqual([
      { field: ['input', 'tags'], code: 'INVALID', message: expect.stringMatching(/at most 100 items/) },
    ]);
    expect(await roomCount()).toBe(before);
  });

  it('refuses a huge list written as a literal the same way', async () => {
    const tags = Array.from({ length: 500 }, (_, i) => `"t${i}"`).join(', ');
    const res = await gql(
      stack,
      `mutation { createRoom(input: { title: "Literal", tags: [${tags}] }) { room { id } userErrors { field code message } } }`,
      {},
      { token: user.token },
    );
    expect(res.data.createRoom.userErrors).toEqual([
      { field: ['input', 'tags'], code: 'INVALID', message: expect.stringMatching(/at most 100 items/) },
    ]);
  });

  it('answers a request body over 256 kB with 413 and a JSON message', async () => {
    const tags = Array.from({ length: 80_000 }, (_, i) => `name${i}`);
    const res = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      body: JSON.stringify({ query: CREATE_ROOM, variables: { input: { title: 'Huge', tags } } }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ message: 'The request body is too large.' });
  });

  it('still creates a room with a few tags', async () => {
    const res = await gql(stack, CREATE_ROOM, { input: { title: 'Fine', tags: ['a', 'b'] } }, { token: user.token });
    expect(res.data.createRoom.userErrors).toEqual([]);
    expect(res.data.createRoom.room.id).toBeTruthy();
  });
});

describe('string inputs', () => {
  it('refuses an over-long string argument on a mutation with an INVALID userError', async () => {
    const res = await gql(stack, UPDATE_PROFILE, { input: { bio: 'b'.repeat(20_000) } }, { token: user.token });
    expect(res.data.updateProfile.userErrors).toEqual([
      { field: ['input', 'bio'], code: 'INVALID', message: expect.stringMatching(/at most 10000 characters/) },
    ]);
  });

  it('refuses an over-long string argument on a query with 400 BAD_USER_INPUT', async () => {
    const res = await gql(stack, 'query($q: String!) { searchUsers(query: $q) { nodes { id } } }', { q: 'q'.repeat(20_000) });
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('control characters', () => {
  it('refuses a NUL byte in a display name with a clear userError', async () => {
    const res = await gql(stack, UPDATE_PROFILE, { input: { displayName: 'Ann\u0000' } }, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.data.updateProfile.userErrors).toEqual([
      { field: ['input', 'displayName'], code: 'INVALID', message: expect.stringMatching(/control character/) },
    ]);
  });

  it('refuses a NUL byte in a room title with a clear userError', async () => {
    const before = await roomCount();
    const res = await gql(stack, CREATE_ROOM, { input: { title: 'Room\u0000' } }, { token: user.token });
    expect(res.data.createRoom.userErrors).toEqual([
      { field: ['input', 'title'], code: 'INVALID', message: expect.stringMatching(/control character/) },
    ]);
    expect(await roomCount()).toBe(before);
  });

  it('refuses a NUL byte in a login with a clear userError', async () => {
    const res = await gql(stack, LOGIN, { input: { login: `${user.username}\u0000`, password: 'correct horse battery' } });
    expect(res.status).toBe(200);
    expect(res.data.login.userErrors).toEqual([
      { field: ['input', 'login'], code: 'INVALID', message: expect.stringMatching(/control character/) },
    ]);
  });

  it('refuses a NUL byte in a search with 400 BAD_USER_INPUT', async () => {
    const res = await gql(stack, 'query($q: String!) { searchUsers(query: $q) { nodes { id } } }', { q: 'a\u0000b' });
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/control character/);
    const literal = await gql(stack, '{ searchUsers(query: "a\\u0000b") { nodes { id } } }');
    expect(literal.status).toBe(400);
    expect(literal.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('applies the same checks over graphql-ws', async () => {
    const client = wsClient(stack, user.token);
    const search = subscribe(client, 'query($q: String!) { searchUsers(query: $q) { nodes { id } } }', { q: 'a\u0000b' });
    await expect(search.next(5000)).rejects.toThrow(/control character/);
    const room = subscribe(client, CREATE_ROOM, { input: { title: 'Ws', tags: Array.from({ length: 500 }, (_, i) => `t${i}`) } });
    const event = await room.next(5000);
    expect(event.data).toMatchObject({ createRoom: { room: null, userErrors: [{ field: ['input', 'tags'], code: 'INVALID' }] } });
    await client.dispose();
  });

  it('keeps new lines and tabs in a multi-line text', async () => {
    const res = await gql(stack, UPDATE_PROFILE, { input: { bio: 'line one\nline\ttwo' } }, { token: user.token });
    expect(res.data.updateProfile.userErrors).toEqual([]);
  });
});

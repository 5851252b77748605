/** Shared by the rooms, calls and chat tests: documents, friendships, LiveKit webhooks and tokens. */
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { AccessToken } from 'livekit-server-sdk';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { fromGlobalId } from '../../kernel/ids.js';
import { gql, signUp, wsClient, type TestUser } from '../../test/client.js';
import type { TestLivekitInfo } from '../../test/livekit-setup.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { ACCEPT, act, BLOCK, SEND } from '../friends/friends.testkit.js';
import { roomTopic } from './facechat.events.js';

/**
 * The test LiveKit server, or null with TEST_LIVEKIT=off (or no binary, unless TEST_LIVEKIT=required, which
 * fails the run instead: see test/livekit-setup.ts). LiveKit-dependent tests then skip.
 */
export const livekit = inject('livekit') as TestLivekitInfo | null;
/** Without the binary, a stack still verifies signed webhooks (dev keys), though no LiveKit server answers. */
export const WEBHOOKS_ENV: Record<string, string> = livekit ? {} : { LIVEKIT_URL: 'ws://127.0.0.1:1' };

const ERRORS = 'userErrors { code field message }';
const ROOM_FIELDS = `id title capacity visibility createdAt viewerCanEdit viewerIsParticipant isLive participantCount
  owner { id } tags { name } participants { id }`;
const ACCESS_FIELDS = 'token url roomName expiresAt';
export const CREATE = `mutation($input: CreateRoomInput!) { createRoom(input: $input) { room { ${ROOM_FIELDS} } ${ERRORS} } }`;
export const UPDATE = `mutation($id: ID!, $input: UpdateRoomInput!) { updateRoom(id: $id, input: $input) { room { ${ROOM_FIELDS} } ${ERRORS} } }`;
export const DELETE = `mutation($id: ID!) { deleteRoom(id: $id) { deletedId ${ERRORS} } }`;
export const JOIN = `mutation($id: ID!) { joinRoom(roomId: $id) { room { id } access { ${ACCESS_FIELDS} } ${ERRORS} } }`;
export const LEAVE = `mutation($id: ID!) { leaveRoom(roomId: $id) { room { id participantCount } ${ERRORS} } }`;
export const ROOM = `query($id: ID!) { room(id: $id) { ${ROOM_FIELDS} } }`;
export const LOBBY = `query($query: String, $first: Int, $after: String) { rooms(query: $query, first: $first, after: $after) {
  totalCount nodes { id title isLive } pageInfo { hasNextPage endCursor } } }`;

const CALL_FIELDS = 'id status createdAt answeredAt endedAt caller { id } callees { id } room { id visibility capacity }';
export const START_CALL = `mutation($ids: [ID!]!) { startCall(calleeIds: $ids) { call { ${CALL_FIELDS} } access { ${ACCESS_FIELDS} } ${ERRORS} } }`;
const callMutation = (name: string) =>
  `mutation($id: ID!) { ${name}(callId: $id) { call { ${CALL_FIELDS} } access { ${ACCESS_FIELDS} } ${ERRORS} } }`;
export const ACCEPT_CALL = callMutation('acceptCall');
export const DECLINE_CALL = callMutation('declineCall');
export const END_CALL = callMutation('endCall');
export const INCOMING = 'subscription { incomingCall { id status caller { id } callees { id } } }';
export const CALL_UPDATED = 'subscription($id: ID) { callUpdated(callId: $id) { id status } }';
const CALLEE_FIELDS = 'calleeStatuses { user { id } status respondedAt invitedBy { id } inCall } viewerCanInvite';
export const INVITE_TO_CALL = `mutation($input: InviteToCallInput!) { inviteToCall(input: $input) {
  call { id status room { capacity } ${CALLEE_FIELDS} } ${ERRORS} } }`;
/** The call as `who` sees it: status, each callee's answer and whether the viewer may ring more people. */
export const CALL_STATUSES = `query($id: ID!) { node(id: $id) { ... on Call { id status ${CALLEE_FIELDS} } } }`;
export const CREATE_ROOM_INVITE = `mutation($id: ID!) { createRoomInvite(input: { roomId: $id }) { url code expiresAt ${ERRORS} } }`;
export const JOIN_WITH_INVITE = `mutation($id: ID!, $invite: String) { joinRoom(roomId: $id, invite: $invite) {
  room { id } access { ${ACCESS_FIELDS} } ${ERRORS} } }`;

/** A test stack for the file (started before, stopped after), graphql-ws clients closed after each test, fresh users. */
export function useStack(env: Record<string, string> = {}) {
  let stack: TestStack | undefined;
  const clients: ReturnType<typeof wsClient>[] = [];
  beforeAll(async () => {
    stack = await startTestStack(env);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  return {
    get stack(): TestStack {
      return stack!;
    },
    client(token: string) {
      const c = wsClient(stack!, token);
      clients.push(c);
      return c;
    },
    users: (n: number) => Promise.all(Array.from({ length: n }, () => signUp(stack!))),
  };
}

/** Runs a mutation or query as `who`; returns the only root field (or the errors). */
export async function as(stack: TestStack, who: TestUser | null, document: string, variables: Record<string, unknown> = {}) {
  const res = await gql(stack, document, variables, who ? { token: who.token } : {});
  if (res.errors) return { errors: res.errors };
  return Object.values(res.data as Record<string, any>)[0];
}

export async function befriend(stack: TestStack, a: TestUser, b: TestUser): Promise<void> {
  const sent = await act(stack, a, SEND, b.id);
  const accepted = await act(stack, b, ACCEPT, sent.friendRequest.id);
  if (accepted.userErrors?.length) throw new Error(JSON.stringify(accepted.userErrors));
}

export async function block(stack: TestStack, blocker: TestUser, blocked: TestUser): Promise<void> {
  const res = await act(stack, blocker, BLOCK, blocked.id);
  if (res.userErrors?.length) throw new Error(JSON.stringify(res.userErrors));
}

export async function createRoom(stack: TestStack, owner: TestUser, input: Record<string, unknown> = {}) {
  const res = await as(stack, owner, CREATE, { input: { title: 'Room', ...input } });
  if (!res.room) throw new Error(JSON.stringify(res));
  return res.room as { id: string; [key: string]: any };
}

/** Resolves once `roomUpdated` of the room has a listener in `stack` (instead of sleeping and hoping it is set up). */
export async function roomSubscribed(stack: TestStack, roomGlobalId: string): Promise<void> {
  await expect.poll(() => stack.app.pubsub.listenerCount(roomTopic(rawRoom(roomGlobalId))), { timeout: 5000 }).toBeGreaterThan(0);
}

export const rawUser = (user: TestUser) => fromGlobalId(user.id, 'User')!;
export const rawRoom = (globalId: string) => fromGlobalId(globalId, 'FacechatRoom')!;

/** A LiveKit webhook body signed exactly as LiveKit signs it (JWT of the API key with the body's sha256). */
export async function signWebhook(body: string, options: { secret?: string; ttl?: number | string } = {}): Promise<string> {
  const at = new AccessToken('devkey', options.secret ?? 'pp-enter-dev-secret-change-me-0123456789', { ttl: options.ttl ?? '5m' });
  at.sha256 = createHash('sha256').update(body).digest('base64');
  return at.toJwt();
}

let seq = 0;
/** A webhook event JSON as LiveKit sends it. `room`: raw room id; `identity`: raw user id; `at`: its createdAt (s). */
export function webhookBody(event: string, room: string, identity?: string, sid?: string, at?: { createdAt: number }): string {
  return JSON.stringify({
    event,
    room: { sid: `RM_${room.slice(0, 8)}`, name: room },
    ...(identity ? { participant: { sid: sid ?? `PA_${identity.slice(0, 8)}`, identity, name: 'x', state: 'ACTIVE' } } : {}),
    id: `EV_test_${++seq}`,
    createdAt: String(at?.createdAt ?? Math.floor(Date.now() / 1000)),
  });
}

export async function postWebhook(stack: TestStack, body: string, authorization: string | null) {
  const res = await fetch(`${stack.baseUrl}/livekit/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', ...(authorization !== null ? { authorization } : {}) },
    body,
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** LiveKit says `user` connected to (event participant_joined) or left the room. */
export async function presence(stack: TestStack, event: 'participant_joined' | 'participant_left', roomGlobalId: string, user: TestUser) {
  const body = webhookBody(event, rawRoom(roomGlobalId), rawUser(user));
  const res = await postWebhook(stack, body, await signWebhook(body));
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

/** Lets the real LiveKit server's webhooks reach `stack` (through the relay of the test set-up); returns the undo. */
/** Stacks register with the webhook relay themselves now (api/src/test/stack.ts); kept for existing callers. */
export async function relayLivekitWebhooks(_stack: TestStack): Promise<() => Promise<void>> {
  return async () => {};
}

export function tokenClaims(token: string) {
  return decodeJwt(token) as ReturnType<typeof decodeJwt> & {
    name?: string;
    attributes?: Record<string, string>;
    video?: {
      room?: string;
      roomJoin?: boolean;
      canPublish?: boolean;
      canSubscribe?: boolean;
      canPublishData?: boolean;
      canPublishSources?: string[];
    };
  };
}

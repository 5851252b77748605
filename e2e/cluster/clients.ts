/**
 * Clients of the cluster test. Every request goes through the load balancer; `instance` pins it to one API
 * instance (haproxy's `use-server` on a header) so a check can say "made through instance 1, received on instance 2".
 */
import sharp from 'sharp';
import { gql, signUp, wsClient, type GqlResponse, type TestUser } from '../../api/src/test/client.js';
import { INSTANCE_HEADER } from '../../scripts/cluster/configs.js';

export type Instance = 1 | 2;
export const pin = (instance?: Instance): Record<string, string> => (instance ? { [INSTANCE_HEADER]: String(instance) } : {});

/** A GraphQL request as `user` (through `instance` when given); checks the balancer sent it there. */
export async function as<T = any>(
  lb: { baseUrl: string },
  user: TestUser,
  query: string,
  variables: Record<string, unknown> = {},
  instance?: Instance,
): Promise<GqlResponse<T>> {
  const res = await gql<T>(lb, query, variables, { token: user.token, headers: pin(instance) });
  if (instance) expectServedBy(res.headers, instance);
  return res;
}

/** Runs a mutation and returns its payload; errors and userErrors throw. */
export async function must(lb: { baseUrl: string }, user: TestUser, query: string, variables = {}, instance?: Instance) {
  const res = await as(lb, user, query, variables, instance);
  const payload = res.data && (Object.values(res.data as Record<string, any>)[0] as any);
  if (res.errors || payload?.userErrors?.length) throw new Error(JSON.stringify(res.errors ?? payload.userErrors));
  return payload;
}

function expectServedBy(headers: Headers, instance: Instance): void {
  const server = headers.get('x-pp-served-by');
  if (server !== `api${instance}`) throw new Error(`expected the balancer to use api${instance}, it used ${server}`);
}

export const newUser = (lb: { baseUrl: string }, displayName?: string) => signUp(lb, { displayName });

export async function befriend(lb: { baseUrl: string }, a: TestUser, b: TestUser): Promise<void> {
  const sent = await must(lb, a, 'mutation($u: ID!) { sendFriendRequest(userId: $u) { friendRequest { id } userErrors { message } } }', {
    u: b.id,
  });
  await must(lb, b, 'mutation($r: ID!) { acceptFriendRequest(requestId: $r) { friendRequest { id } userErrors { message } } }', {
    r: sent.friendRequest.id,
  });
}

/** A post of `author` with one uploaded photo. */
export async function createPost(lb: { baseUrl: string }, author: TestUser, title: string, instance?: Instance): Promise<{ id: string }> {
  const form = new FormData();
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .jpeg()
    .toBuffer();
  form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'photo.jpg');
  const res = await fetch(`${lb.baseUrl}/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${author.token}`, ...pin(instance) },
    body: form,
  });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const payload = await must(
    lb,
    author,
    'mutation($input: CreatePostInput!) { createPost(input: $input) { post { id } userErrors { message } } }',
    { input: { title, mediaIds: [id] } },
    instance,
  );
  return payload.post;
}

export interface Socket {
  client: ReturnType<typeof wsClient>;
  /** Close events so far (code and reason). */
  closes: { code: number; reason: string }[];
  /** Times the socket was acknowledged (1 + reconnections). */
  connections: number;
  /** Acknowledged and not closed since. */
  open: boolean;
}

/**
 * A graphql-ws client through the balancer. Pinned to `instance`, it does not retry (a check wants that instance);
 * `retry: true` behaves like the web client: it reconnects through the balancer and resubscribes.
 */
export function socket(lb: { baseUrl: string }, user: TestUser, options: { instance?: Instance; retry?: boolean } = {}): Socket {
  const state: Socket = { client: null as unknown as Socket['client'], closes: [], connections: 0, open: false };
  state.client = wsClient(lb, user.token, {
    headers: pin(options.instance),
    retry: options.retry,
    onConnected: () => {
      state.connections++;
      state.open = true;
    },
    onClose: (event) => {
      state.open = false;
      state.closes.push(event);
    },
  });
  return state;
}

export async function until<T>(what: string, read: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

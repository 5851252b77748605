import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GqlResponse<T = any> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

/** A real HTTP POST to /graphql. */
export async function gql<T = any>(
  stack: { baseUrl: string },
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; cookie?: string; headers?: Record<string, string> } = {},
): Promise<GqlResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  const response = await fetch(`${stack.baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data: T; errors?: GqlResponse['errors'] };
  return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
}

export interface TestUser {
  id: string;
  username: string;
  token: string;
  refreshToken: string;
}

let seq = 0;
/** Registers a fresh user over the API. */
export async function signUp(
  stack: { baseUrl: string },
  fields: { username?: string; displayName?: string; password?: string; email?: string } = {},
  /** Extra request headers, e.g. `x-forwarded-for` to sign up from another client address. */
  headers: Record<string, string> = {},
): Promise<TestUser> {
  const username = fields.username ?? `user${process.pid}_${++seq}_${Math.random().toString(36).slice(2, 6)}`;
  const res = await gql(
    stack,
    `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id username } userErrors { field message code } } }`,
    {
      input: {
        username,
        email: fields.email ?? `${username}@example.com`,
        password: fields.password ?? 'correct horse battery',
        displayName: fields.displayName,
      },
    },
    { headers },
  );
  const payload = res.data?.register;
  if (!payload?.accessToken) throw new Error(`sign-up failed: ${JSON.stringify(res.errors ?? payload?.userErrors)}`);
  return { id: payload.user.id, username: payload.user.username, token: payload.accessToken, refreshToken: payload.refreshToken };
}

/**
 * A real graphql-ws client on the stack's /graphql. `headers` go on the WebSocket handshake (e.g. to pin a load
 * balancer's choice); `retry` reconnects and resubscribes the way the web client does.
 */
export function wsClient(
  stack: { baseUrl: string },
  token?: string,
  options: {
    onClose?: (event: { code: number; reason: string }) => void;
    onConnected?: () => void;
    headers?: Record<string, string>;
    retry?: boolean;
  } = {},
): Client {
  const headers = options.headers;
  class WebSocketWithHeaders extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  return createClient({
    url: `${stack.baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: headers ? WebSocketWithHeaders : WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: options.retry ? 1000 : 0,
    ...(options.retry ? { shouldRetry: () => true, retryWait: () => new Promise<void>((r) => setTimeout(r, 300)) } : {}),
    lazy: false,
    // A fatal close (4401 and the like) reaches `onClose`; graphql-ws would also print it to the console.
    onNonLazyError: () => undefined,
    on: {
      connected: () => options.onConnected?.(),
      closed: (event) => options.onClose?.(event as { code: number; reason: string }),
    },
  });
}

/** Collects the events of one subscription; `next()` resolves with the next event or rejects after `timeoutMs`. */
export function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const events: { data?: T; errors?: unknown[] }[] = [];
  const waiters: (() => void)[] = [];
  let error: unknown = null;
  let completed = false;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        events.push(value as { data?: T; errors?: unknown[] });
        waiters.splice(0).forEach((w) => w());
      },
      error: (e) => {
        error = e;
        waiters.splice(0).forEach((w) => w());
      },
      complete: () => {
        completed = true;
        waiters.splice(0).forEach((w) => w());
      },
    },
  );
  let read = 0;
  return {
    events,
    get error() {
      return error;
    },
    get completed() {
      return completed;
    },
    dispose,
    async next(timeoutMs = 2000): Promise<{ data?: T; errors?: unknown[] }> {
      const deadline = Date.now() + timeoutMs;
      while (read >= events.length) {
        if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
        if (completed) throw new Error('subscription completed');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
        await new Promise<void>((r) => {
          const t = setTimeout(r, left);
          waiters.push(() => {
            clearTimeout(t);
            r();
          });
        });
      }
      return events[read++];
    },
  };
}

/** Resolves once the subscription is registered on the server (graphql-ws has no ack per operation). */
export const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

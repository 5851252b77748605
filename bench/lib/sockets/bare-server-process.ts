// Child process of bench/sockets.ts: the baseline. A bare graphql-ws server (graphql-ws + ws + graphql-js) with the
// same three subscription fields and `me`, fed by an in-process EventEmitter: no database, no token check (the
// user id is read from the token's payload), no per-socket context beyond that id. `POST /like?author=…&liker=…`
// publishes one like to the author's `postLiked` and `notificationAdded`, as the API's likePost does.
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { buildSchema, type GraphQLFieldConfig } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const schema = buildSchema(`
  type User { id: ID! username: String! displayName: String! friendshipStatus: String! viewerIsFollowing: Boolean!
    followsViewer: Boolean! viewerHasBlocked: Boolean! friendCount: Int! followerCount: Int! followingCount: Int! }
  type Post { id: ID! title: String! likeCount: Int! }
  type Comment { id: ID! }
  type Room { id: ID! }
  type Notification { id: ID! type: String! read: Boolean! createdAt: String! actor: User post: Post comment: Comment }
  type Call { id: ID! status: String! createdAt: String! answeredAt: String endedAt: String caller: User! callees: [User!]! room: Room }
  type Like { id: ID! createdAt: String! user: User! }
  type LikeEvent { likeCount: Int! like: Like! post: Post! }
  type Query { me: User }
  type Subscription { notificationAdded: Notification! incomingCall: Call! postLiked(postId: ID): LikeEvent! }
`);

interface Context {
  userId: string | null;
}

const bus = new EventEmitter();
bus.setMaxListeners(0);

/**
 * The events of one topic as an async iterator; graphql-ws calls `return` when the subscription ends. Written out
 * because Node 20's `events.on()` preallocates a 2048-slot queue per iterator (≈34 KB), which would dwarf the rest.
 */
function listen(topic: string): AsyncIterableIterator<unknown> {
  const queue: unknown[] = [];
  let wake: ((result: IteratorResult<unknown>) => void) | null = null;
  let done = false;
  const push = (value: unknown) => {
    if (!wake) return void queue.push(value);
    const resolve = wake;
    wake = null;
    resolve({ value, done: false });
  };
  bus.on(topic, push);
  const stop = (): IteratorResult<unknown> => {
    done = true;
    bus.off(topic, push);
    wake?.({ value: undefined, done: true });
    wake = null;
    return { value: undefined, done: true };
  };
  return {
    next: () =>
      queue.length
        ? Promise.resolve({ value: queue.shift(), done: false })
        : done
          ? Promise.resolve({ value: undefined, done: true })
          : new Promise((resolve) => (wake = resolve)),
    return: () => Promise.resolve(stop()),
    throw: (error: unknown) => {
      stop();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

const subscriptionFields = schema.getSubscriptionType()!.getFields();
const topicOf: Record<string, (userId: string) => string> = {
  notificationAdded: (userId) => `notification:${userId}`,
  incomingCall: (userId) => `call:${userId}`,
  postLiked: (userId) => `post-liked:${userId}`,
};
for (const [field, topic] of Object.entries(topicOf)) {
  const config = subscriptionFields[field] as unknown as GraphQLFieldConfig<unknown, Context>;
  config.subscribe = (_root, _args, ctx) => listen(topic(ctx.userId ?? 'anonymous'));
  config.resolve = (payload) => payload;
}
const meField = schema.getQueryType()!.getFields().me as unknown as GraphQLFieldConfig<unknown, Context>;
meField.resolve = (_root, _args, ctx) => (ctx.userId ? person(ctx.userId) : null);

function person(id: string) {
  return {
    id,
    username: `user_${id.slice(0, 8)}`,
    displayName: 'Someone',
    friendshipStatus: 'NONE',
    viewerIsFollowing: false,
    followsViewer: false,
    viewerHasBlocked: false,
    friendCount: 0,
    followerCount: 0,
    followingCount: 0,
  };
}

/** The `sub` claim of a JWT, unverified: the baseline measures transport, not authentication. */
function userIdOf(authorization: unknown): string | null {
  const token = typeof authorization === 'string' ? authorization.replace(/^Bearer\s+/i, '') : '';
  try {
    return (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sub?: string }).sub ?? null;
  } catch {
    return null;
  }
}

let likes = 0;
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://bare');
  const author = url.searchParams.get('author');
  const liker = url.searchParams.get('liker');
  if (req.method !== 'POST' || url.pathname !== '/like' || !author || !liker) return void res.writeHead(404).end();
  const createdAt = new Date().toISOString();
  const post = { id: `post-${author}`, title: 'A post', likeCount: ++likes };
  bus.emit(`post-liked:${author}`, { likeCount: likes, like: { id: `like-${likes}`, createdAt, user: person(liker) }, post });
  bus.emit(`notification:${author}`, { id: `n-${likes}`, type: 'LIKE', read: false, createdAt, actor: person(liker), post, comment: null });
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
});
const wss = new WebSocketServer({ server, path: '/graphql' });
useServer<Record<string, unknown>>({ schema, context: (ctx): Context => ({ userId: userIdOf(ctx.connectionParams?.authorization) }) }, wss);
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as { port: number }).port }));
process.on('disconnect', () => process.exit(0));

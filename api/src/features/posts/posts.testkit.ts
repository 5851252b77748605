/** Shared by the posts test files: documents, set-up over the public API, database snapshots. */
import { randomUUID } from 'node:crypto';
import { fromGlobalId, toGlobalId } from '../../kernel/ids.js';
import { TokenSigner } from '../../lib/tokens.js';
import { gql, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { uploadMedia } from '../media/media.testkit.js';

const POST_FIELDS = `id title body createdAt updatedAt author { id username } media { id url thumbnailUrl width height blurhash }
  tags { id name postCount } photoTags { id x y user { id } media { id } } likeCount commentCount viewerHasLiked viewerHasFavorited viewerCanEdit`;
const ERRORS = 'userErrors { code field message }';

export const CREATE = `mutation($input: CreatePostInput!) { createPost(input: $input) { post { ${POST_FIELDS} } ${ERRORS} } }`;
export const UPDATE = `mutation($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { post { ${POST_FIELDS} } ${ERRORS} } }`;
export const DELETE = `mutation($id: ID!) { deletePost(id: $id) { deletedId ${ERRORS} } }`;
export const POSTS = `query($first: Int, $after: String, $authorId: ID, $tag: String, $query: String) {
  posts(first: $first, after: $after, authorId: $authorId, tag: $tag, query: $query) { totalCount pageInfo { hasNextPage endCursor } nodes { id title } } }`;
export const postMutation = (name: string) =>
  `mutation($id: ID!) { ${name}(postId: $id) { post { id likeCount viewerHasLiked viewerHasFavorited } ${ERRORS} } }`;

export const raw = (globalId: string) =>
  (fromGlobalId(globalId, 'User') ??
    fromGlobalId(globalId, 'Post') ??
    fromGlobalId(globalId, 'Media') ??
    fromGlobalId(globalId, 'Comment') ??
    fromGlobalId(globalId, 'PhotoTag')) as string;

/** Creates a post of `who` with one fresh upload (or the given input) and returns it. */
export async function createPost(stack: TestStack, who: TestUser, input: Record<string, unknown> = {}) {
  const mediaIds = input.mediaIds ?? [await uploadMedia(stack, who.token)];
  const res = await gql(stack, CREATE, { input: { title: 'A day out', ...input, mediaIds } }, { token: who.token });
  const payload = res.data?.createPost;
  if (!payload?.post) throw new Error(`createPost failed: ${JSON.stringify(res.errors ?? payload?.userErrors)}`);
  return payload.post;
}

async function must(stack: TestStack, who: TestUser, document: string, variables: Record<string, unknown>) {
  const res = await gql(stack, document, variables, { token: who.token });
  const payload = res.data && Object.values(res.data as Record<string, any>)[0];
  if (res.errors || payload?.userErrors?.length) throw new Error(JSON.stringify(res.errors ?? payload.userErrors));
  return payload;
}

export async function befriend(stack: TestStack, a: TestUser, b: TestUser): Promise<void> {
  const sent = await must(
    stack,
    a,
    'mutation($id: ID!) { sendFriendRequest(userId: $id) { friendRequest { id } userErrors { code message } } }',
    { id: b.id },
  );
  await must(stack, b, 'mutation($id: ID!) { acceptFriendRequest(requestId: $id) { friendRequest { id } userErrors { code message } } }', {
    id: sent.friendRequest.id,
  });
}
export const follow = (stack: TestStack, a: TestUser, b: TestUser) =>
  must(stack, a, 'mutation($id: ID!) { followUser(userId: $id) { user { id } userErrors { code message } } }', { id: b.id });
export const block = (stack: TestStack, a: TestUser, b: TestUser) =>
  must(stack, a, 'mutation($id: ID!) { blockUser(userId: $id) { user { id } userErrors { code message } } }', { id: b.id });

/** Row counts of every table posts write to. */
export async function snapshot(stack: TestStack) {
  const [row] = await stack.orm.em.fork().getConnection().execute(`select
    (select count(*)::int from posts) as posts, (select count(*)::int from post_media) as post_media,
    (select count(*)::int from post_tags) as post_tags, (select count(*)::int from tags) as tags,
    (select coalesce(sum(post_count), 0)::int from tags) as tag_uses, (select count(*)::int from likes) as likes,
    (select count(*)::int from favorites) as favorites, (select count(*)::int from comments) as comments,
    (select count(*)::int from photo_tags) as photo_tags, (select count(*)::int from notifications) as notifications,
    (select count(*)::int from media) as media`);
  return row as Record<string, number>;
}

export async function notificationsOf(
  stack: TestStack,
  who: TestUser,
): Promise<{ type: string; actor_id: string | null; post_id: string | null; comment_id: string | null }[]> {
  return stack.orm.em
    .fork()
    .getConnection()
    .execute('select type, actor_id, post_id, comment_id from notifications where recipient_id = ? order by created_at, id', [raw(who.id)]);
}

/**
 * `n` users with a signed-in session each, written straight in SQL (sign-up hashes a password
 * with argon2, far too slow for hundreds of users on a busy machine).
 */
export async function quickUsers(stack: TestStack, n: number): Promise<TestUser[]> {
  const signer = new TokenSigner(stack.config.jwtSecret);
  const users = Array.from({ length: n }, () => ({ id: randomUUID(), sessionId: randomUUID(), username: `q${randomUUID().slice(0, 8)}` }));
  const conn = stack.orm.em.fork().getConnection();
  await conn.execute(
    `insert into users (id, username, email, password_hash, display_name, created_at, updated_at)
    select (u->>'id')::uuid, u->>'username', (u->>'username') || '@example.com', 'x', u->>'username', now(), now()
    from jsonb_array_elements(?::jsonb) u`,
    [JSON.stringify(users)],
  );
  await conn.execute(
    `insert into sessions (id, user_id, user_agent, created_at)
    select (u->>'sessionId')::uuid, (u->>'id')::uuid, 'test', now() from jsonb_array_elements(?::jsonb) u`,
    [JSON.stringify(users)],
  );
  return Promise.all(
    users.map(async (u) => ({
      id: toGlobalId('User', u.id),
      username: u.username,
      refreshToken: '',
      token: (await signer.sign({ userId: u.id, sessionId: u.sessionId })).token,
    })),
  );
}

import sharp from 'sharp';
import { gql, signUp, type TestUser } from '../../../api/src/test/client.js';

const PASSWORD = 'correct horse battery';

/** Runs `work` over `items` with at most `parallel` at once (argon2 hashing is slow: sign-ups go a few at a time). */
async function inBatches<T, R>(items: T[], parallel: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

/** Registers `count` users through the API, `parallel` at a time. */
export async function registerUsers(api: { baseUrl: string }, prefix: string, count: number, parallel = 4): Promise<TestUser[]> {
  const names = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  return inBatches(names, parallel, (username) => signUp(api, { username, password: PASSWORD }));
}

/** Another session of the same user (what a second device or browser holds): its access token. */
export async function signIn(api: { baseUrl: string }, user: TestUser): Promise<string> {
  const res = await gql(api, 'mutation($i: LoginInput!) { login(input: $i) { accessToken userErrors { message } } }', {
    i: { login: user.username, password: PASSWORD },
  });
  const token = res.data?.login?.accessToken as string | undefined;
  if (!token) throw new Error(`sign-in failed: ${JSON.stringify(res.errors ?? res.data)}`);
  return token;
}

/** Uploads a small photo and posts it; returns the post's global id. */
export async function createPost(api: { baseUrl: string }, user: TestUser): Promise<string> {
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'photo.jpg');
  const upload = await fetch(`${api.baseUrl}/media`, { method: 'POST', headers: { authorization: `Bearer ${user.token}` }, body: form });
  const media = (await upload.json()) as { id?: string };
  if (upload.status !== 201 || !media.id) throw new Error(`upload failed: ${upload.status} ${JSON.stringify(media)}`);
  const res = await gql(
    api,
    'mutation($i: CreatePostInput!) { createPost(input: $i) { post { id } userErrors { message } } }',
    { i: { title: 'Liked a lot', body: 'The post of the socket benchmark', mediaIds: [media.id] } },
    { token: user.token },
  );
  const id = res.data?.createPost?.post?.id as string | undefined;
  if (!id) throw new Error(`createPost failed: ${JSON.stringify(res.errors ?? res.data)}`);
  return id;
}

/** `likePost` over HTTP, as the client sends it; throws on errors or userErrors. */
export async function likePost(api: { baseUrl: string }, liker: TestUser, postId: string): Promise<void> {
  const res = await gql(
    api,
    'mutation($p: ID!) { likePost(postId: $p) { post { id likeCount viewerHasLiked } userErrors { message } } }',
    { p: postId },
    { token: liker.token },
  );
  const payload = res.data?.likePost;
  if (res.errors || !payload?.post || payload.userErrors.length)
    throw new Error(`likePost failed: ${JSON.stringify(res.errors ?? payload)}`);
}

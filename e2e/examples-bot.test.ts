import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg } from '../api/src/features/media/media.testkit';
import { befriend } from '../api/src/features/posts/posts.testkit';
import { gql, signUp, type TestUser } from '../api/src/test/client';
import { startTestStack, type TestStack } from '../api/src/test/stack';

// examples/bot runs as an integrator runs it (`node examples/bot/bot.mjs`, nothing of ours imported) against the
// real API: it posts a photo with tags, hears a friend's comment over graphql-ws and answers it.
const ROOT = join(import.meta.dirname, '..');
const BOT = join(ROOT, 'examples/bot/bot.mjs');
let stack: TestStack;
const dir = mkdtempSync(join(tmpdir(), 'bot-example-'));
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A personal access token where the API has them (scopes READ, WRITE_POSTS, SUBSCRIBE), else the session's own token. */
async function botToken(bot: TestUser): Promise<string> {
  const schema = buildSchema(readFileSync(join(ROOT, 'schema/schema.graphql'), 'utf8'));
  if (!schema.getMutationType()?.getFields().createAccessToken) return bot.token;
  const created = await gql(
    stack,
    `mutation($input: CreateAccessTokenInput!) { createAccessToken(input: $input) { token userErrors { code message } } }`,
    { input: { name: 'example bot', scopes: ['READ', 'WRITE_POSTS', 'SUBSCRIBE'] } },
    { token: bot.token },
  );
  expect(created.data.createAccessToken.userErrors).toEqual([]);
  return created.data.createAccessToken.token;
}

describe('examples/bot', () => {
  it('posts a photo with tags, then answers a comment it hears about live, and exits after --max-replies', async () => {
    const bot = await signUp(stack, { displayName: 'Harbour Bot' });
    const friend = await signUp(stack, { displayName: 'Mina' });
    await befriend(stack, bot, friend);
    const photo = join(dir, 'harbour.jpg');
    writeFileSync(photo, await jpeg(320, 200));

    const child = spawn(process.execPath, [BOT, '--photo', photo, '--tags', 'harbour,sunset', '--max-replies', '1'], {
      env: { PATH: process.env.PATH ?? '', PP_ENTER_URL: stack.baseUrl, PP_ENTER_TOKEN: await botToken(bot) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const printed = (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) resolve(match);
        };
        child.stdout!.on('data', (chunk) => ((output += chunk), check()));
        child.stderr!.on('data', (chunk) => (output += chunk));
        void exited.then(() => reject(new Error(`bot exited before printing ${pattern}:\n${output}`)));
        check();
      });
    try {
      const [, postId] = await printed(/posted (\S+) with tags #harbour #sunset/);
      await printed(/listening for notifications/);

      const post = await gql(
        stack,
        `query($id: ID!) { post(id: $id) { author { username } media { altText } tags { name } } }`,
        { id: postId },
        { token: friend.token },
      );
      expect(post.data.post).toMatchObject({
        author: { username: bot.username },
        media: [{ altText: expect.stringContaining(bot.username) }],
      });

      const comment = await gql(
        stack,
        `mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id } userErrors { code message } } }`,
        { input: { postId, body: 'What a view!' } },
        { token: friend.token },
      );
      expect(comment.data.addComment.userErrors).toEqual([]);
      const commentId = comment.data.addComment.comment.id as string;

      expect(await exited, output).toBe(0);
      expect(output).toContain(`to ${commentId}`);
      const replies = await gql(
        stack,
        `query($id: ID!) { node(id: $id) { ... on Comment { replies(first: 5) { nodes { body author { username } } } } } }`,
        { id: commentId },
        { token: friend.token },
      );
      expect(replies.data.node.replies.nodes).toEqual([
        { body: `Thanks for your comment, @${friend.username}!`, author: { username: bot.username } },
      ]);
    } finally {
      child.kill();
    }
  });
});

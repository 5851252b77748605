#!/usr/bin/env node
// A PP-ENTER bot with a personal access token (docs/tokens.md): posts a photo with tags, then listens to its
// notifications over graphql-ws and answers every comment on its posts.
//
//   PP_ENTER_URL=https://pp-enter.example PP_ENTER_TOKEN=ppe_… node examples/bot/bot.mjs --photo harbour.jpg
//
// Scopes: READ, WRITE_POSTS, SUBSCRIBE. Options: --photo <file> (required), --title <text>, --tags a,b,
// --max-replies <n> (exit after n replies; default: run until stopped).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const { values: options } = parseArgs({
  options: {
    photo: { type: 'string' },
    title: { type: 'string', default: 'Hello from a bot' },
    tags: { type: 'string', default: 'bot,hello' },
    'max-replies': { type: 'string' },
  },
});
const baseUrl = (process.env.PP_ENTER_URL ?? 'http://localhost:4000').replace(/\/$/, '');
const token = process.env.PP_ENTER_TOKEN;
if (!token || !options.photo) {
  console.error(
    'Usage: PP_ENTER_TOKEN=<token> [PP_ENTER_URL=<url>] node bot.mjs --photo <image> [--title t] [--tags a,b] [--max-replies n]',
  );
  process.exit(2);
}
const authorization = `Bearer ${token}`;

/** One GraphQL request over HTTP; throws on top-level errors and on userErrors (nothing was changed then). */
async function graphql(query, variables = {}) {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
  for (const payload of Object.values(body.data ?? {})) {
    if (payload?.userErrors?.length) throw new Error(`Refused: ${payload.userErrors.map((e) => `${e.code}: ${e.message}`).join('; ')}`);
  }
  return body.data;
}

/** `POST /media` (docs/uploads.md): the image as multipart form data; answers the stored Media with its global id. */
async function upload(file, altText) {
  const form = new FormData();
  form.append('altText', altText);
  form.append('file', new Blob([await readFile(file)]), basename(file));
  const res = await fetch(`${baseUrl}/media`, { method: 'POST', headers: { authorization }, body: form });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`Upload refused (${res.status}): ${body.code}: ${body.message}`);
  return body;
}

const { me } = await graphql('query Me { me { id username } }');
if (!me) throw new Error('The token was not accepted: `me` is null.');

const media = await upload(options.photo, `A photo posted by ${me.username}`);
const { createPost } = await graphql(
  `
    mutation Post($input: CreatePostInput!) {
      createPost(input: $input) {
        post {
          id
          title
          tags {
            name
          }
        }
        userErrors {
          code
          message
        }
      }
    }
  `,
  {
    input: {
      title: options.title,
      body: 'Comment and I will answer.',
      mediaIds: [media.id],
      tags: options.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    },
  },
);
const post = createPost.post;
console.log(`posted ${post.id} with tags ${post.tags.map((tag) => `#${tag.name}`).join(' ')}`);

// Live notifications (docs/subscriptions.md): the token goes in connectionParams.
const maxReplies = options['max-replies'] ? Number(options['max-replies']) : Infinity;
let replies = 0;
const client = createClient({
  url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
  webSocketImpl: WebSocket,
  connectionParams: { authorization },
  // Through outages and API restarts it keeps reconnecting (graphql-ws would give up after a failed attempt's error
  // event); a revoked or expired token (4401) ends the loop below with an error.
  shouldRetry: () => true,
  retryAttempts: Infinity,
  on: { connected: () => console.log('listening for notifications') },
});
const notifications = client.iterate({
  query: `subscription Notifications {
    notificationAdded { id type actor { username } post { id } comment { id body } }
  }`,
});

for await (const event of notifications) {
  if (event.errors?.length) throw new Error(`Subscription: ${event.errors.map((e) => e.message).join('; ')}`);
  const notification = event.data.notificationAdded;
  if (!['COMMENT', 'REPLY'].includes(notification.type) || !notification.comment || !notification.post) continue;
  const who = notification.actor?.username;
  const { addComment } = await graphql(
    `
      mutation Reply($input: AddCommentInput!) {
        addComment(input: $input) {
          comment {
            id
          }
          userErrors {
            code
            message
          }
        }
      }
    `,
    {
      input: {
        postId: notification.post.id,
        parentId: notification.comment.id,
        body: who ? `Thanks for your comment, @${who}!` : 'Thanks for your comment!',
      },
    },
  );
  replies += 1;
  console.log(`replied ${addComment.comment.id} to ${notification.comment.id}`);
  if (replies >= maxReplies) break;
}
await client.dispose();

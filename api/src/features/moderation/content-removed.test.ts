import { beforeAll, describe, expect, it } from 'vitest';
import { settle, signUp, subscribe, wsClient, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { createPost } from '../posts/posts.testkit.js';
import { as, REMOVE, useRemovalCast } from './reports.testkit.js';

let stack: TestStack;
let author: TestUser;
let member: TestUser;
let mod: TestUser;
const cast = useRemovalCast();
beforeAll(() => void ({ stack, author, member, mod } = cast));

const LIVE = 'subscription { contentRemoved { subjectType subjectId } }';
const SUSPEND = 'mutation($u: ID!, $r: String!) { suspendUser(userId: $u, reason: $r) { userErrors { code } } }';
const ADD_COMMENT = 'mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id } userErrors { code } } }';

/** A member's open socket listening for removals; `stop` closes it. */
async function listen(who: TestUser) {
  const socket = wsClient(stack, who.token);
  const live = subscribe(socket, LIVE);
  await settle(300);
  return { live, stop: () => socket.dispose() };
}

describe('contentRemoved', () => {
  it('tells a member’s open socket which post and comment staff removed, after the removal commits', async () => {
    const post = await createPost(stack, author);
    const comment = (await as(stack, author, ADD_COMMENT, { input: { postId: post.id, body: 'hi' } })).data.addComment.comment;
    const { live, stop } = await listen(member);
    try {
      expect((await as(stack, mod, REMOVE, { id: post.id, reason: 'spam' })).data.removeContent.userErrors).toEqual([]);
      expect((await live.next(5000)).data?.contentRemoved).toEqual({ subjectType: 'Post', subjectId: post.id });
      await as(stack, mod, REMOVE, { id: comment.id, reason: 'rude' });
      expect((await live.next(5000)).data?.contentRemoved).toEqual({ subjectType: 'Comment', subjectId: comment.id });
    } finally {
      await stop();
    }
  });

  it('announces nothing when the removal fails (a member tries, an unknown id, no reason)', async () => {
    const post = await createPost(stack, author);
    const { live, stop } = await listen(member);
    try {
      const memberTry = await as(stack, member, REMOVE, { id: post.id, reason: 'spam' });
      expect(memberTry.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const unknown = await as(stack, mod, REMOVE, { id: author.id, reason: 'spam' });
      expect(unknown.data.removeContent.userErrors[0].code).toBe('NOT_FOUND');
      const noReason = await as(stack, mod, REMOVE, { id: post.id, reason: ' ' });
      expect(noReason.data.removeContent.userErrors[0].code).toBe('INVALID');
      await expect(live.next(1000)).rejects.toThrow(/no event/);
      // The socket still works: the next real removal arrives.
      await as(stack, mod, REMOVE, { id: post.id, reason: 'spam' });
      expect((await live.next(5000)).data?.contentRemoved).toEqual({ subjectType: 'Post', subjectId: post.id });
    } finally {
      await stop();
    }
  });

  it('names the user when an account is suspended, so open pages drop everything by them', async () => {
    const suspended = await signUp(stack);
    const { live, stop } = await listen(member);
    try {
      const memberTry = await as(stack, member, SUSPEND, { u: suspended.id, r: 'spam' });
      expect(memberTry.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await as(stack, mod, SUSPEND, { u: suspended.id, r: 'spam' })).data.suspendUser.userErrors).toEqual([]);
      expect((await live.next(5000)).data?.contentRemoved).toEqual({ subjectType: 'User', subjectId: suspended.id });
      expect(live.events).toHaveLength(1);
    } finally {
      await stop();
    }
  });

  it('refuses an anonymous socket (UNAUTHENTICATED)', async () => {
    const socket = wsClient(stack);
    try {
      const event = await subscribe(socket, LIVE).next(2000);
      expect(event.data ?? null).toBeNull();
      expect(event.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      await socket.dispose();
    }
  });
});

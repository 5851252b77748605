import 'reflect-metadata';
import { getMetadataStorage } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { authChecker, NO_ACCESS_TOKEN, PUBLIC, type AuthRule } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { getSchema } from '../../graphql/schema.js';
import { AccessScope, type Actor } from '../../kernel/actor.js';

const SCOPES = new Set<string>(Object.values(AccessScope));
const ROLES = new Set<string>(['USER', 'MODERATOR', 'ADMIN']);

/** The rules `@Authorized(...)` declared on every root field of a kind, read from the built schema and type-graphql. */
async function declaredRules(kind: 'mutation' | 'subscription'): Promise<Map<string, readonly AuthRule[] | undefined>> {
  const schema = await getSchema();
  const type = kind === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  const storage = getMetadataStorage();
  const definitions = kind === 'mutation' ? storage.mutations : storage.subscriptions;
  return new Map(
    Object.keys(type!.getFields()).map((name) => [
      name,
      definitions.find((d) => d.schemaName === name)?.roles as readonly AuthRule[] | undefined,
    ]),
  );
}

/** A rule that says what a personal access token may do here: a scope, or refused outright (NO_ACCESS_TOKEN, staff roles). */
const declaresScope = (rules: readonly AuthRule[] | undefined) =>
  !!rules?.some((rule) => SCOPES.has(rule) || rule === NO_ACCESS_TOKEN || ROLES.has(rule));

const tokenActor = (scopes: AccessScope[]): Actor => ({
  id: '00000000-0000-0000-0000-000000000001',
  role: 'USER',
  sessionId: 'token:t',
  token: { id: 't', scopes, expiresAt: null },
});

function check(actor: Actor | null, rules: readonly AuthRule[]): string {
  try {
    authChecker({ context: { actor } as Context, root: {}, args: {}, info: {} as never }, [...rules]);
    return 'OK';
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code ?? String(error);
  }
}

describe('every mutation and subscription declares what an access token needs', () => {
  it('no mutation lacks an @Authorized scope rule (a new one must choose: a scope, NO_ACCESS_TOKEN or a staff role)', async () => {
    const missing = [...(await declaredRules('mutation'))].filter(([, rules]) => !declaresScope(rules)).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('no subscription lacks an @Authorized scope rule', async () => {
    const missing = [...(await declaredRules('subscription'))].filter(([, rules]) => !declaresScope(rules)).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('a READ-only token is refused every mutation; sessions keep every non-staff one', async () => {
    for (const [name, rules] of await declaredRules('mutation')) {
      expect({ name, answer: check(tokenActor([AccessScope.READ]), rules!) }).toEqual({ name, answer: 'FORBIDDEN' });
      const staff = rules!.some((rule) => ROLES.has(rule));
      expect({ name, answer: check({ id: 'u', role: 'USER', sessionId: 's' }, rules!) }).toEqual({
        name,
        answer: staff ? 'FORBIDDEN' : 'OK',
      });
    }
  });

  it('the scope each kind of mutation needs', async () => {
    const rules = await declaredRules('mutation');
    const needs = (name: string) => (rules.get(name) ?? []).filter((rule) => SCOPES.has(rule));
    for (const name of ['createPost', 'updatePost', 'deletePost', 'addComment', 'likePost', 'favoritePost', 'addPhotoTag'])
      expect({ name, scopes: needs(name) }).toEqual({ name, scopes: [AccessScope.WRITE_POSTS] });
    for (const name of ['sendFriendRequest', 'acceptFriendRequest', 'followUser', 'blockUser', 'unblockUser', 'reportContent'])
      expect({ name, scopes: needs(name) }).toEqual({ name, scopes: [AccessScope.WRITE_SOCIAL] });
    for (const name of ['createRoom', 'joinRoom', 'leaveRoom', 'startCall', 'acceptCall', 'sendChatMessage', 'createRoomInvite'])
      expect({ name, scopes: needs(name) }).toEqual({ name, scopes: [AccessScope.CALLS] });
    // Tokens never manage tokens, passwords, e-mail or sessions, nor use the staff tools.
    for (const name of ['createAccessToken', 'revokeAccessToken', 'updateProfile', 'resendVerificationEmail', 'login', 'logout'])
      expect({ name, answer: check(tokenActor(Object.values(AccessScope)), rules.get(name)!) }).toEqual({ name, answer: 'FORBIDDEN' });
    for (const name of ['removeContent', 'suspendUser', 'setUserRole', 'endRoom', 'resolveReport']) {
      const admin = { ...tokenActor(Object.values(AccessScope)), role: 'ADMIN' as const };
      expect({ name, answer: check(admin, rules.get(name)!) }).toEqual({ name, answer: 'FORBIDDEN' });
    }
  });

  it('signed-out visitors get UNAUTHENTICATED unless the field is PUBLIC', () => {
    expect(check(null, [AccessScope.WRITE_POSTS])).toBe('UNAUTHENTICATED');
    expect(check(null, [PUBLIC, NO_ACCESS_TOKEN])).toBe('OK');
    expect(check(tokenActor([AccessScope.CALLS]), [PUBLIC, AccessScope.CALLS])).toBe('OK');
    expect(check(tokenActor([AccessScope.READ]), [PUBLIC, AccessScope.CALLS])).toBe('FORBIDDEN');
  });
});

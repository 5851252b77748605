import { getNamedType, isNonNullType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../../graphql/schema.js';
import { gql, settle, signUp, subscribe, wsClient, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { sampleInput } from '../../test/sample-input.js';
import { seedAdmin, setRole } from './moderation.testkit.js';

/**
 * The authorization matrix, built from the schema: every Query, Mutation and Subscription field whose description
 * starts with "Staff only" or "ADMIN only" (the convention of the moderation README) × anonymous, member, moderator
 * and admin. A new staff field is covered by describing it; nothing here names the fields.
 */
type Who = 'anonymous' | 'member' | 'moderator' | 'admin';
interface Operation {
  kind: 'query' | 'mutation' | 'subscription';
  name: string;
  level: 'staff' | 'admin';
  document: string;
  variables: Record<string, unknown>;
}

function operation(kind: Operation['kind'], field: GraphQLField<unknown, unknown>): Operation | null {
  const description = field.description ?? '';
  const level = description.startsWith('ADMIN only') ? 'admin' : description.startsWith('Staff only') ? 'staff' : null;
  if (!level) return null;
  const params = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  const document = `${kind}${params ? `(${params})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
  const variables = Object.fromEntries(field.args.filter((a) => isNonNullType(a.type)).map((a) => [a.name, sampleInput(a.type)]));
  return { kind, name: `${kind} ${field.name}`, level, document, variables };
}

function staffOperations(schema: GraphQLSchema): Operation[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  return roots.flatMap(([kind, type]) =>
    Object.values(type?.getFields() ?? {})
      .map((field) => operation(kind, field))
      .filter((op): op is Operation => op !== null),
  );
}

const expected = (op: Operation, who: Who): 'UNAUTHENTICATED' | 'FORBIDDEN' | 'allowed' => {
  if (who === 'anonymous') return 'UNAUTHENTICATED';
  if (who === 'member') return 'FORBIDDEN';
  if (who === 'moderator' && op.level === 'admin') return 'FORBIDDEN';
  return 'allowed';
};

type Outcome = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'allowed';
const outcomeOf = (errors: { extensions?: Record<string, unknown> }[] | undefined): Outcome | string => {
  const code = errors?.[0]?.extensions?.code as string | undefined;
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'INTERNAL_SERVER_ERROR') return code;
  // Any other answer (data, a userError about the made-up id, BAD_USER_INPUT) got past authorization.
  return 'allowed';
};

async function overHttp(op: Operation, token: string | undefined): Promise<Outcome | string> {
  const res = await gql(stack, op.document, op.variables, { token });
  return outcomeOf(res.errors);
}

async function overSocket(op: Operation, token: string | undefined): Promise<Outcome | string> {
  const client = wsClient(stack, token);
  try {
    const sub = subscribe(client, op.document, op.variables);
    await settle(300);
    const error = sub.error as { extensions?: Record<string, unknown> }[] | undefined;
    if (error) return outcomeOf(Array.isArray(error) ? error : [error]);
    const first = sub.events[0] as { errors?: { extensions?: Record<string, unknown> }[] } | undefined;
    return outcomeOf(first?.errors);
  } finally {
    await client.dispose();
  }
}

let stack: TestStack;
let ops: Operation[];
const tokens: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  stack = await startTestStack();
  ops = staffOperations(await getSchema());
  const [admin, moderator, member]: TestUser[] = await Promise.all([signUp(stack), signUp(stack), signUp(stack)]);
  await seedAdmin(stack, admin);
  expect((await setRole(stack, admin, moderator, 'MODERATOR')).userErrors).toEqual([]);
  Object.assign(tokens, { admin: admin.token, moderator: moderator.token, member: member.token });
});
afterAll(async () => {
  await stack?.stop();
});

describe('the authorization matrix of staff operations', () => {
  it('finds the staff operations of the moderation contract in the schema', () => {
    const names = ops.map((o) => o.name);
    for (const name of [
      'query moderationLog',
      'query adminUsers',
      'query adminStats',
      'mutation suspendUser',
      'mutation reinstateUser',
      'mutation setUserRole',
      'query adminPosts',
      'query adminComments',
      'query adminRooms',
      'query adminTags',
      'query adminDailyStats',
      'query reportGroups',
      'query chatMessageContext',
    ])
      expect(names).toContain(name);
    expect(ops.find((o) => o.name === 'mutation setUserRole')?.level).toBe('admin');
  });

  it('over HTTP: anonymous → UNAUTHENTICATED, member → FORBIDDEN, moderator → FORBIDDEN for ADMIN only, staff → allowed', async () => {
    const got: Record<string, Outcome | string> = {};
    const want: Record<string, Outcome> = {};
    for (const op of ops.filter((o) => o.kind !== 'subscription')) {
      for (const who of ['anonymous', 'member', 'moderator', 'admin'] as const) {
        got[`${op.name} as ${who}`] = await overHttp(op, tokens[who]);
        want[`${op.name} as ${who}`] = expected(op, who);
      }
    }
    expect(got).toEqual(want);
  });

  it('over WebSocket: the same answers for every staff operation, subscriptions included', async () => {
    const got: Record<string, Outcome | string> = {};
    const want: Record<string, Outcome> = {};
    for (const op of ops) {
      for (const who of ['anonymous', 'member', 'moderator', 'admin'] as const) {
        got[`${op.name} as ${who}`] = await overSocket(op, tokens[who]);
        want[`${op.name} as ${who}`] = expected(op, who);
      }
    }
    expect(got).toEqual(want);
  });
});

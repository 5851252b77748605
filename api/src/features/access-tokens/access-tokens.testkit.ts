/** Shared by the access-token test files: creating tokens over the API and operations generated from the schema. */
import { getNamedType, isLeafType, isNonNullType, type GraphQLField } from 'graphql';
import { gql, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { sampleInput } from '../../test/sample-input.js';

export const ERRORS = 'userErrors { code field message }';
export const TOKEN_FIELDS = 'id name scopes createdAt expiresAt lastUsedAt prefix';
export const CREATE = `mutation($input: CreateAccessTokenInput!) { createAccessToken(input: $input) { token accessToken { ${TOKEN_FIELDS} } ${ERRORS} } }`;
export const REVOKE = `mutation($id: ID!) { revokeAccessToken(id: $id) { accessToken { id } ${ERRORS} } }`;
export const LIST = `{ accessTokens { ${TOKEN_FIELDS} } }`;

export type Scope = 'READ' | 'WRITE_POSTS' | 'WRITE_SOCIAL' | 'CALLS' | 'SUBSCRIBE';
export const ALL_SCOPES: Scope[] = ['READ', 'WRITE_POSTS', 'WRITE_SOCIAL', 'CALLS', 'SUBSCRIBE'];

/** A token of `who` (created with their session); `secret` is what an integration sends. */
export async function createToken(
  stack: TestStack,
  who: TestUser,
  scopes: Scope[],
  options: { name?: string; expiresAt?: Date | null } = {},
): Promise<{ id: string; secret: string; prefix: string }> {
  const res = await gql(
    stack,
    CREATE,
    { input: { name: options.name ?? 'bot', scopes, expiresAt: options.expiresAt?.toISOString() ?? null } },
    { token: who.token },
  );
  const payload = res.data?.createAccessToken;
  if (!payload?.token) throw new Error(`createAccessToken failed: ${JSON.stringify(res.errors ?? payload?.userErrors)}`);
  return { id: payload.accessToken.id, secret: payload.token, prefix: payload.accessToken.prefix };
}

/** A document calling `field` with its required arguments as variables (sample values), selecting `__typename`. */
export function operationFor(kind: 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((arg) => isNonNullType(arg.type));
  const declarations = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = required.length ? `(${required.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const variables = Object.fromEntries(required.map((arg) => [arg.name, sampleInput(arg.type)]));
  return { query: `${kind}${declarations ? `(${declarations})` : ''} { ${field.name}${call}${selection} }`, variables };
}

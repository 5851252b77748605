/** Shared by the access-token test files: creating tokens over the API and operations generated from the schema. */
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { gql, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';

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

/** A placeholder value of an input type: ids that exist nowhere, short strings, the first enum value. */
function sample(type: GraphQLInputType): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [sample(inner.ofType)];
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) if (isNonNullType(field.type)) value[field.name] = sample(field.type);
    return value;
  }
  if (isLeafType(inner)) {
    switch (inner.name) {
      case 'ID':
        return 'VXNlcjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA';
      case 'Int':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'DateTime':
        return new Date(Date.now() + 86_400_000).toISOString();
      default:
        return 'x';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

/** A document calling `field` with its required arguments as variables (sample values), selecting `__typename`. */
export function operationFor(kind: 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((arg) => isNonNullType(arg.type));
  const declarations = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = required.length ? `(${required.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const variables = Object.fromEntries(required.map((arg) => [arg.name, sample(arg.type)]));
  return { query: `${kind}${declarations ? `(${declarations})` : ''} { ${field.name}${call}${selection} }`, variables };
}

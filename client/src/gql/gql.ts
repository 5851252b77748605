/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment ViewerFields on User {\n  id\n  username\n  displayName\n  email\n  bio\n}\n\nfragment UserErrorFields on UserError {\n  field\n  message\n  code\n}\n\nfragment AuthSession on AuthPayload {\n  accessToken\n  expiresAt\n  user {\n    ...ViewerFields\n  }\n  userErrors {\n    ...UserErrorFields\n  }\n}\n\nmutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...AuthSession\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthSession\n  }\n}\n\nmutation RefreshSession {\n  refreshSession {\n    ...AuthSession\n  }\n}\n\nmutation Logout {\n  logout\n}": typeof types.ViewerFieldsFragmentDoc,
    "fragment PersonFields on User {\n  id\n  username\n  displayName\n  bio\n}\n\nquery SearchUsers($query: String!, $first: Int, $after: String) {\n  searchUsers(query: $query, first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...PersonFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.PersonFieldsFragmentDoc,
    "fragment ProfileFields on User {\n  id\n  username\n  displayName\n  bio\n  createdAt\n}\n\nquery UserProfile($username: String!) {\n  user(username: $username) {\n    ...ProfileFields\n  }\n}\n\nmutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    user {\n      ...ViewerFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nquery ProfileStats($username: String!) {\n  user(username: $username) {\n    id\n    postCount\n    friendCount\n    followerCount\n    followingCount\n  }\n}": typeof types.ProfileFieldsFragmentDoc,
};
const documents: Documents = {
    "fragment ViewerFields on User {\n  id\n  username\n  displayName\n  email\n  bio\n}\n\nfragment UserErrorFields on UserError {\n  field\n  message\n  code\n}\n\nfragment AuthSession on AuthPayload {\n  accessToken\n  expiresAt\n  user {\n    ...ViewerFields\n  }\n  userErrors {\n    ...UserErrorFields\n  }\n}\n\nmutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...AuthSession\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthSession\n  }\n}\n\nmutation RefreshSession {\n  refreshSession {\n    ...AuthSession\n  }\n}\n\nmutation Logout {\n  logout\n}": types.ViewerFieldsFragmentDoc,
    "fragment PersonFields on User {\n  id\n  username\n  displayName\n  bio\n}\n\nquery SearchUsers($query: String!, $first: Int, $after: String) {\n  searchUsers(query: $query, first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...PersonFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.PersonFieldsFragmentDoc,
    "fragment ProfileFields on User {\n  id\n  username\n  displayName\n  bio\n  createdAt\n}\n\nquery UserProfile($username: String!) {\n  user(username: $username) {\n    ...ProfileFields\n  }\n}\n\nmutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    user {\n      ...ViewerFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nquery ProfileStats($username: String!) {\n  user(username: $username) {\n    id\n    postCount\n    friendCount\n    followerCount\n    followingCount\n  }\n}": types.ProfileFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ViewerFields on User {\n  id\n  username\n  displayName\n  email\n  bio\n}\n\nfragment UserErrorFields on UserError {\n  field\n  message\n  code\n}\n\nfragment AuthSession on AuthPayload {\n  accessToken\n  expiresAt\n  user {\n    ...ViewerFields\n  }\n  userErrors {\n    ...UserErrorFields\n  }\n}\n\nmutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...AuthSession\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthSession\n  }\n}\n\nmutation RefreshSession {\n  refreshSession {\n    ...AuthSession\n  }\n}\n\nmutation Logout {\n  logout\n}"): (typeof documents)["fragment ViewerFields on User {\n  id\n  username\n  displayName\n  email\n  bio\n}\n\nfragment UserErrorFields on UserError {\n  field\n  message\n  code\n}\n\nfragment AuthSession on AuthPayload {\n  accessToken\n  expiresAt\n  user {\n    ...ViewerFields\n  }\n  userErrors {\n    ...UserErrorFields\n  }\n}\n\nmutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...AuthSession\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthSession\n  }\n}\n\nmutation RefreshSession {\n  refreshSession {\n    ...AuthSession\n  }\n}\n\nmutation Logout {\n  logout\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PersonFields on User {\n  id\n  username\n  displayName\n  bio\n}\n\nquery SearchUsers($query: String!, $first: Int, $after: String) {\n  searchUsers(query: $query, first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...PersonFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["fragment PersonFields on User {\n  id\n  username\n  displayName\n  bio\n}\n\nquery SearchUsers($query: String!, $first: Int, $after: String) {\n  searchUsers(query: $query, first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...PersonFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ProfileFields on User {\n  id\n  username\n  displayName\n  bio\n  createdAt\n}\n\nquery UserProfile($username: String!) {\n  user(username: $username) {\n    ...ProfileFields\n  }\n}\n\nmutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    user {\n      ...ViewerFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nquery ProfileStats($username: String!) {\n  user(username: $username) {\n    id\n    postCount\n    friendCount\n    followerCount\n    followingCount\n  }\n}"): (typeof documents)["fragment ProfileFields on User {\n  id\n  username\n  displayName\n  bio\n  createdAt\n}\n\nquery UserProfile($username: String!) {\n  user(username: $username) {\n    ...ProfileFields\n  }\n}\n\nmutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    user {\n      ...ViewerFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nquery ProfileStats($username: String!) {\n  user(username: $username) {\n    id\n    postCount\n    friendCount\n    followerCount\n    followingCount\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
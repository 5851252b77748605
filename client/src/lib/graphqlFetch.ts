import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export const GRAPHQL_PATH = '/graphql';

export interface GraphqlFetchResult<T> {
  data: T;
  /** The server's clock minus ours, from the Date header (0 when unknown). */
  clockSkewMs: number;
}

/** A transport failure or top-level GraphQL error (not a userError). */
export class GraphqlRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'GraphqlRequestError';
  }
}

const printed = new WeakMap<object, string>();

/**
 * One GraphQL request over plain fetch, outside Apollo. The auth mutations use it:
 * they must never pass through the Apollo auth link (which refreshes on
 * UNAUTHENTICATED) and they need the response's Date header.
 */
export async function graphqlFetch<TData, TVars extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars,
  options: { token?: string | null; signal?: AbortSignal } = {},
): Promise<GraphqlFetchResult<TData>> {
  let query = printed.get(document);
  if (!query) printed.set(document, (query = print(document)));
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: JSON.stringify({ query, variables }),
      signal: options.signal,
    });
  } catch (error) {
    throw new GraphqlRequestError(error instanceof Error ? error.message : 'Network error', 'NETWORK');
  }
  const body = (await response.json().catch(() => null)) as {
    data?: TData | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  } | null;
  const first = body?.errors?.[0];
  if (first || !body?.data) {
    const code = first?.extensions?.code ?? (response.ok ? null : 'HTTP');
    throw new GraphqlRequestError(first?.message ?? `HTTP ${response.status}`, code, response.status);
  }
  const serverDate = Date.parse(response.headers.get('date') ?? '');
  return { data: body.data, clockSkewMs: Number.isFinite(serverDate) ? serverDate - Date.now() : 0 };
}

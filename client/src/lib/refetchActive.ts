import type { ApolloClient } from '@apollo/client/core';

/** Asks the server again for the queries on screen with these operation names (none on screen: nothing, no warning). */
export function refetchActive(client: ApolloClient<unknown>, names: readonly string[]): Promise<unknown> {
  return client
    .refetchQueries({ include: 'active', onQueryUpdated: (query) => names.includes(query.queryName ?? '') })
    .catch(() => undefined);
}

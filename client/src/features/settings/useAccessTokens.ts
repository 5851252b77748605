import { useMutation, useQuery } from '@vue/apollo-composable';
import { computed } from 'vue';
import {
  AccessTokensDocument,
  CreateAccessTokenDocument,
  RevokeAccessTokenDocument,
  type AccessScope,
  type AccessTokenFieldsFragment,
} from '../../gql/graphql';
import type { Outcome } from '../../composables/useSubmit';

/** Every scope, in the order the form shows them. */
export const ACCESS_SCOPES: readonly AccessScope[] = ['READ', 'WRITE_POSTS', 'WRITE_SOCIAL', 'CALLS', 'SUBSCRIBE'];

export type AccessToken = AccessTokenFieldsFragment;

/** The viewer's personal access tokens: the list, and creating (the secret comes back once) and revoking them. */
export function useAccessTokens() {
  const { result, loading, error, refetch } = useQuery(AccessTokensDocument, null, { fetchPolicy: 'cache-and-network' });
  const tokens = computed<readonly AccessToken[]>(() => result.value?.accessTokens ?? []);
  const { mutate: createMutation } = useMutation(CreateAccessTokenDocument);
  const { mutate: revokeMutation } = useMutation(RevokeAccessTokenDocument);

  async function create(input: {
    name: string;
    scopes: AccessScope[];
    expiresAt: string | null;
  }): Promise<Outcome & { secret?: string; token?: AccessToken }> {
    const payload = (await createMutation({ input }))?.data?.createAccessToken;
    if (!payload) throw new Error('No answer from the server.');
    if (payload.userErrors.length || !payload.token || !payload.accessToken) return { ok: false, userErrors: payload.userErrors };
    await refetch();
    return { ok: true, secret: payload.token, token: payload.accessToken };
  }

  async function revoke(id: string): Promise<Outcome> {
    const payload = (await revokeMutation({ id }))?.data?.revokeAccessToken;
    if (!payload) throw new Error('No answer from the server.');
    // Gone either way (revoked now, or already): the list is read again.
    await refetch();
    return payload.userErrors.length ? { ok: false, userErrors: payload.userErrors } : { ok: true };
  }

  return { tokens, loading, error, refetch: () => refetch(), create, revoke };
}

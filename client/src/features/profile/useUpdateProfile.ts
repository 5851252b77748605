import { useMutation } from '@vue/apollo-composable';
import { UpdateProfileDocument, type UpdateProfileInput } from '../../gql/graphql';
import { useAuthStore } from '../auth/useAuthStore';

/** Saves profile changes; the header and the other tabs learn the new name at once. */
export function useUpdateProfile() {
  const auth = useAuthStore();
  const { mutate } = useMutation(UpdateProfileDocument);

  return async function save(input: UpdateProfileInput) {
    const result = await mutate({ input });
    const payload = result?.data?.updateProfile;
    if (!payload) throw new Error('No answer from the server.');
    if (payload.userErrors.length || !payload.user) return { ok: false as const, userErrors: payload.userErrors };
    auth.updateUser(payload.user);
    return { ok: true as const, user: payload.user };
  };
}

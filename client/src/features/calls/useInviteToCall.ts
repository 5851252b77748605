import { useMutation } from '@vue/apollo-composable';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { describeUserError } from '../../composables/describeUserError';
import { InviteToCallDocument } from '../../gql/graphql';

/**
 * Rings more friends into a running call (`inviteToCall`): they get the ordinary incoming-call dialog, and the call's
 * callee list (callUpdated) shows them ringing. `problem` is what to tell the user when it did not work.
 */
export function useInviteToCall() {
  const { t } = useI18n();
  const { mutate } = useMutation(InviteToCallDocument);
  const pending = ref(false);
  const problem = ref('');

  async function invite(callId: string, userIds: string[]): Promise<boolean> {
    if (pending.value) return false;
    pending.value = true;
    problem.value = '';
    try {
      const payload = (await mutate({ input: { callId, userIds } }))?.data?.inviteToCall;
      const error = payload?.userErrors[0];
      if (error || !payload?.call) {
        problem.value = error ? describeUserError(error, { scopes: ['callPeople.errors'] }) : t('callPeople.addFailed');
        return false;
      }
      return true;
    } catch {
      problem.value = t('errors.network');
      return false;
    } finally {
      pending.value = false;
    }
  }

  return { invite, pending, problem };
}

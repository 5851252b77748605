import { useMutation } from '@vue/apollo-composable';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import { describeUserError } from '../../composables/describeUserError';
import { StartCallDocument } from '../../gql/graphql';
import { callRoute, handOverAccess } from '../facechat/call/callAccess';

/**
 * Rings one or more friends: `startCall` gives the caller the room access at once; the call page
 * connects with it and shows "ringing…" until someone answers.
 */
export function useStartCall() {
  const { t } = useI18n();
  const router = useRouter();
  const { mutate } = useMutation(StartCallDocument);
  const pending = ref(false);
  const problem = ref('');

  async function start(calleeIds: string[]): Promise<void> {
    if (pending.value) return;
    pending.value = true;
    problem.value = '';
    try {
      const payload = (await mutate({ calleeIds }))?.data?.startCall;
      if (!payload?.call || !payload.access) {
        const error = payload?.userErrors[0];
        problem.value = error ? describeUserError(error, { scopes: ['calls.start.errors'] }) : t('calls.start.failed');
        return;
      }
      handOverAccess(payload.call.room.id, payload.access, { othersLater: true });
      void import('../facechat/call/FacechatCallPage.vue');
      await router.push(callRoute(payload.call.room.id, payload.call.id));
    } catch {
      problem.value = t('errors.network');
    } finally {
      pending.value = false;
    }
  }

  return { start, pending, problem };
}

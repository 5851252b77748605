import { useMutation } from '@vue/apollo-composable';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { describeUserError } from '../../composables/describeUserError';
import { StartConversationDocument } from '../../gql/graphql';

/** A group holds the viewer and up to 7 others. */
export const MAX_OTHERS = 7;

/**
 * Opens the conversation with `userIds` (the viewer's 1:1 with one person if it exists, else a new one):
 * resolves with its id, or null with `problem` saying why not.
 */
export function useStartConversation() {
  const { t } = useI18n();
  const { mutate } = useMutation(StartConversationDocument, { refetchQueries: ['Conversations'] });
  const pending = ref(false);
  const problem = ref('');

  async function start(userIds: readonly string[], title?: string): Promise<string | null> {
    if (pending.value) return null;
    pending.value = true;
    problem.value = '';
    try {
      const payload = (await mutate({ input: { userIds: [...userIds], title: title?.trim() || null } }))?.data?.startConversation;
      if (payload?.conversation) return payload.conversation.id;
      const error = payload?.userErrors[0];
      problem.value = error ? describeUserError(error, { scopes: ['messages.new.errors'] }) : t('messages.new.failed');
      return null;
    } catch {
      problem.value = t('errors.network');
      return null;
    } finally {
      pending.value = false;
    }
  }

  return { start, pending, problem };
}

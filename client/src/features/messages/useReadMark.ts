/**
 * Moves the viewer's read mark while the thread is on screen: when it opens with unread messages, and whenever new
 * ones from others arrive while the tab is visible (a hidden tab waits until it is shown again).
 */
import { useMutation } from '@vue/apollo-composable';
import { onScopeDispose, ref, watch } from 'vue';
import { MarkConversationReadDocument } from '../../gql/graphql';

export function useReadMark(conversation: () => { id: string; viewerUnreadCount: number } | null) {
  const { mutate } = useMutation(MarkConversationReadDocument, { refetchQueries: ['ViewerUnreadConversationCount'] });
  const visible = ref(document.visibilityState === 'visible');
  const onVisibility = () => (visible.value = document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', onVisibility);
  onScopeDispose(() => document.removeEventListener('visibilitychange', onVisibility));

  let inFlight = false;
  async function mark(conversationId: string): Promise<void> {
    if (inFlight) return;
    inFlight = true;
    try {
      await mutate({ input: { conversationId } });
    } catch {
      // Still unread: the next message or visit tries again.
    } finally {
      inFlight = false;
    }
  }

  watch(
    () => [conversation()?.id, conversation()?.viewerUnreadCount ?? 0, visible.value] as const,
    ([id, unread, shown]) => {
      if (id && unread > 0 && shown) void mark(id);
    },
    { immediate: true },
  );
}

/**
 * The nav badge's number: conversations with unread messages (`viewerUnreadConversationCount`), asked again
 * whenever a message arrives in any of the viewer's conversations or a read mark moves (another tab, the thread).
 * The same events carry the conversation's list fields, so open lists update through the cache.
 */
import { useApolloClient, useQuery, useSubscription } from '@vue/apollo-composable';
import { computed, onBeforeUnmount } from 'vue';
import { ConversationReadDocument, DirectMessageAddedDocument, ViewerUnreadConversationCountDocument } from '../../gql/graphql';

export function useUnreadConversations() {
  const { result, refetch, restart } = useQuery(ViewerUnreadConversationCountDocument, {}, { fetchPolicy: 'cache-and-network' });
  // Signing in clears the cache as the header appears (see NotificationsBell): start afresh so updates reach it.
  const stopOnClear = useApolloClient()
    .resolveClient()
    .onClearStore(async () => restart());
  onBeforeUnmount(stopOnClear);

  let pending: ReturnType<typeof setTimeout> | undefined;
  /** Several events at once (a burst of messages) make one request. */
  const recount = () => {
    clearTimeout(pending);
    pending = setTimeout(() => void refetch()?.catch(() => undefined), 150);
  };
  onBeforeUnmount(() => clearTimeout(pending));

  useSubscription(DirectMessageAddedDocument, {}).onResult(recount);
  useSubscription(ConversationReadDocument, {}).onResult(recount);

  return { count: computed(() => result.value?.viewerUnreadConversationCount ?? 0) };
}

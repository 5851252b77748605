import { useSubscription } from '@vue/apollo-composable';
import { computed, ref } from 'vue';
import { FeedPostAddedDocument } from '../../gql/graphql';
import { useAuthStore } from '../auth/useAuthStore';

/**
 * Posts that joined the home feed since it was loaded (`feedPostAdded`): only counted, never inserted, so what the
 * reader is looking at does not move; `shownIds` are the posts already in the list (not counted again).
 */
export function useNewFeedPosts(shownIds: () => readonly string[]) {
  const auth = useAuthStore();
  const waiting = ref<string[]>([]);
  const { onResult } = useSubscription(FeedPostAddedDocument, {}, () => ({ enabled: auth.isSignedIn }));
  onResult(({ data }) => {
    const id = data?.feedPostAdded.id;
    if (id && !waiting.value.includes(id) && !shownIds().includes(id)) waiting.value = [...waiting.value, id];
  });
  return {
    count: computed(() => waiting.value.length),
    clear: () => (waiting.value = []),
  };
}

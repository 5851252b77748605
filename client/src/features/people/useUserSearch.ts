import { useQuery } from '@vue/apollo-composable';
import { computed, ref, type Ref } from 'vue';
import { SearchUsersDocument } from '../../gql/graphql';

const SEARCH_PAGE_SIZE = 20;

/**
 * `searchUsers` for a (debounced) text, as a Relay connection: `loadMore` appends
 * the next page (the cache's relayStylePagination merges the pages per text).
 */
export function useUserSearch(text: Ref<string>) {
  const query = computed(() => text.value.trim());
  const { result, loading, error, fetchMore } = useQuery(
    SearchUsersDocument,
    () => ({ query: query.value, first: SEARCH_PAGE_SIZE }),
    () => ({ enabled: query.value.length > 0, notifyOnNetworkStatusChange: true }),
  );
  const loadingMore = ref(false);

  const connection = computed(() => (query.value ? result.value?.searchUsers ?? null : null));
  const people = computed(() => connection.value?.edges.map((edge) => edge.node) ?? []);
  const hasMore = computed(() => !!connection.value?.pageInfo.hasNextPage);

  async function loadMore(): Promise<void> {
    const after = connection.value?.pageInfo.endCursor;
    if (!after || loadingMore.value) return;
    loadingMore.value = true;
    try {
      await fetchMore({ variables: { query: query.value, first: SEARCH_PAGE_SIZE, after } });
    } finally {
      loadingMore.value = false;
    }
  }

  return {
    query,
    people,
    totalCount: computed(() => connection.value?.totalCount ?? 0),
    hasMore,
    searching: computed(() => loading.value && !loadingMore.value),
    loadingMore,
    error,
    loadMore,
  };
}

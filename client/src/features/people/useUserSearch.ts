import { computed, type Ref } from 'vue';
import { SearchUsersDocument } from '../../gql/graphql';
import { usePagedQuery } from '../../composables/usePagedQuery';

const SEARCH_PAGE_SIZE = 20;

/**
 * `searchUsers` for a (debounced) text, as a paged list (the cache's relayStylePagination keeps
 * one list per text). Nothing is asked while the text is empty.
 */
export function useUserSearch(text: Ref<string>) {
  const query = computed(() => text.value.trim());
  const list = usePagedQuery(
    SearchUsersDocument,
    () => ({ query: query.value }),
    (data) => data.searchUsers,
    {
      enabled: () => query.value.length > 0,
      pageSize: SEARCH_PAGE_SIZE,
      fetchPolicy: 'cache-first',
    },
  );
  return {
    list,
    query,
    people: list.items,
    totalCount: list.totalCount,
    hasMore: list.hasMore,
    searching: list.busy,
    loadingMore: list.loadingMore,
    error: list.error,
    loadMore: list.loadMore,
  };
}

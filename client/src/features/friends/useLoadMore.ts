import { computed, ref } from 'vue';

interface PageInfoLike {
  hasNextPage: boolean;
  endCursor?: string | null;
}

/** "Load more" for a Relay connection: one page at a time, from the end cursor of the last one. */
export function useLoadMore(pageInfo: () => PageInfoLike | null | undefined, fetchPage: (after: string) => unknown) {
  const loadingMore = ref(false);
  const hasMore = computed(() => !!pageInfo()?.hasNextPage);

  async function loadMore(): Promise<void> {
    const after = pageInfo()?.endCursor;
    if (!after || !hasMore.value || loadingMore.value) return;
    loadingMore.value = true;
    try {
      await fetchPage(after);
    } finally {
      loadingMore.value = false;
    }
  }

  return { hasMore, loadingMore, loadMore };
}

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useQuery } from '@vue/apollo-composable';
import { computed, ref, type Ref } from 'vue';

const PAGE_SIZE = 10;

interface Connection<N> {
  totalCount: number;
  edges: readonly { node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

type PageVariables = { first?: number | null; after?: string | null };

/** What a list view needs of a connection (PostList takes it whole). */
export interface ListState<N> {
  items: Readonly<Ref<readonly N[]>>;
  totalCount: Readonly<Ref<number>>;
  hasMore: Readonly<Ref<boolean>>;
  loading: Readonly<Ref<boolean>>;
  loadingMore: Readonly<Ref<boolean>>;
  failed: Readonly<Ref<boolean>>;
  moreFailed: Readonly<Ref<boolean>>;
  loadMore(): Promise<void>;
  refetch(): unknown;
}

/**
 * One Relay list (feed, search, tag, favorites, a profile, the album): `loadMore` appends the next
 * page, which the cache's relayStylePagination merges into the list.
 */
export function useConnectionList<TResult, TVariables extends PageVariables, N>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: () => Omit<TVariables, 'first' | 'after'>,
  select: (data: TResult) => Connection<N> | null | undefined,
  options: { enabled?: () => boolean; pageSize?: number } = {},
): ListState<N> & { connection: Readonly<Ref<Connection<N> | null>> } {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const enabled = options.enabled ?? (() => true);
  const { result, loading, error, fetchMore, refetch } = useQuery(
    document,
    () => ({ ...variables(), first: pageSize }) as TVariables,
    () => ({ enabled: enabled(), notifyOnNetworkStatusChange: true, fetchPolicy: 'cache-and-network' as const, nextFetchPolicy: 'cache-first' as const }),
  );
  const loadingMore = ref(false);
  const moreFailed = ref(false);

  const connection = computed(() => (enabled() && result.value ? select(result.value) ?? null : null));
  const items = computed(() => connection.value?.edges.map((edge) => edge.node) ?? []);
  const hasMore = computed(() => !!connection.value?.pageInfo.hasNextPage);

  async function loadMore(): Promise<void> {
    const after = connection.value?.pageInfo.endCursor;
    if (!after || loadingMore.value) return;
    loadingMore.value = true;
    moreFailed.value = false;
    try {
      await fetchMore({ variables: { ...variables(), first: pageSize, after } as Partial<TVariables> });
    } catch {
      moreFailed.value = true;
    } finally {
      loadingMore.value = false;
    }
  }

  return {
    items,
    connection,
    totalCount: computed(() => connection.value?.totalCount ?? 0),
    hasMore,
    /** The first page is on its way and nothing is shown yet. */
    loading: computed(() => loading.value && !loadingMore.value && !connection.value),
    loadingMore,
    /** The list could not be loaded (nothing to show). */
    failed: computed(() => !!error.value && !connection.value),
    moreFailed,
    loadMore,
    refetch: () => refetch(),
  };
}

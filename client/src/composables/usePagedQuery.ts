import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { WatchQueryFetchPolicy } from '@apollo/client/core';
import { useQuery } from '@vue/apollo-composable';
import { computed, ref, type Ref } from 'vue';
import { nextPageVariables, nodesOf, type Connection, type PageVariables } from './pagedConnection';

export const PAGE_SIZE = 10;

/** What a list view (UiPagedList, PostList…) needs of a paged query. */
export interface PagedList<N> {
  items: Readonly<Ref<readonly N[]>>;
  totalCount: Readonly<Ref<number>>;
  hasMore: Readonly<Ref<boolean>>;
  /** The first page is on its way and nothing is shown yet. */
  loading: Readonly<Ref<boolean>>;
  loadingMore: Readonly<Ref<boolean>>;
  /** The list could not be loaded (nothing to show). */
  failed: Readonly<Ref<boolean>>;
  /** The last "load more" failed (the button stays for another try). */
  moreFailed: Readonly<Ref<boolean>>;
  /** The first page is here (it may be empty). */
  loaded: Readonly<Ref<boolean>>;
  loadMore(): Promise<void>;
  refetch(): unknown;
}

export interface PagedQueryOptions {
  /** The query runs only while this is true (a search with no text yet). */
  enabled?: () => boolean;
  pageSize?: number;
  /** Default: 'cache-and-network', then 'cache-first'. */
  fetchPolicy?: WatchQueryFetchPolicy;
  nextFetchPolicy?: WatchQueryFetchPolicy;
  pollInterval?: number;
  /** Default true (loading is reported for refetches and new variables too). */
  notifyOnNetworkStatusChange?: boolean;
}

type Document<TResult, TVariables> = TypedDocumentNode<TResult, TVariables>;

/**
 * THE paginator: one Relay connection of a query (feed, search, a profile's friends,
 * notifications, rooms, calls, the album…). `loadMore` fetches the page after the last one,
 * which the cache's relayStylePagination merges into the list (lib/apollo.ts: add a field policy
 * for a new list). `result` and `refetch` are there for callers that need the rest of the answer.
 */
export function usePagedQuery<TResult, TVariables extends PageVariables, N>(
  document: Document<TResult, TVariables> | (() => Document<TResult, TVariables>),
  variables: () => Omit<TVariables, 'first' | 'after'>,
  select: (data: TResult) => Connection<N> | null | undefined,
  options: PagedQueryOptions = {},
): PagedList<N> & {
  connection: Readonly<Ref<Connection<N> | null>>;
  result: Readonly<Ref<TResult | undefined>>;
  error: Readonly<Ref<unknown>>;
  /** Any request but "load more" under way (also a refetch, or new variables over a shown list). */
  busy: Readonly<Ref<boolean>>;
} {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const enabled = options.enabled ?? (() => true);
  const { result, loading, error, fetchMore, refetch } = useQuery(
    document as Document<TResult, TVariables>,
    () => ({ ...variables(), first: pageSize }) as TVariables,
    () => ({
      enabled: enabled(),
      notifyOnNetworkStatusChange: options.notifyOnNetworkStatusChange ?? true,
      fetchPolicy: options.fetchPolicy ?? 'cache-and-network',
      nextFetchPolicy: options.nextFetchPolicy ?? (options.fetchPolicy ? undefined : 'cache-first'),
      pollInterval: options.pollInterval,
    }),
  );
  const loadingMore = ref(false);
  const moreFailed = ref(false);

  const connection = computed(() => (enabled() && result.value ? (select(result.value as TResult) ?? null) : null));
  const items = computed(() => nodesOf(connection.value));
  const hasMore = computed(() => !!connection.value?.pageInfo.hasNextPage);

  async function loadMore(): Promise<void> {
    const next = nextPageVariables(connection.value, variables(), pageSize);
    if (!next || loadingMore.value) return;
    loadingMore.value = true;
    moreFailed.value = false;
    try {
      await fetchMore({ variables: next as Partial<TVariables> });
    } catch {
      moreFailed.value = true;
    } finally {
      loadingMore.value = false;
    }
  }

  return {
    items,
    connection,
    result: result as Readonly<Ref<TResult | undefined>>,
    error,
    totalCount: computed(() => connection.value?.totalCount ?? 0),
    hasMore,
    loading: computed(() => loading.value && !loadingMore.value && !connection.value),
    loadingMore,
    failed: computed(() => !!error.value && !connection.value),
    moreFailed,
    loaded: computed(() => !!connection.value),
    busy: computed(() => loading.value && !loadingMore.value),
    loadMore,
    refetch: () => refetch(),
  };
}

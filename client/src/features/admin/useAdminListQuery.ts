import { computed, reactive, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useDebounced } from '../../composables/useDebounced';
import { listQuery, readFilters, readText, type FilterSpec } from './adminListQuery';

const SEARCH_DELAY_MS = 300;

/**
 * An admin list's search text and filters, kept in the route query (`?q=…&status=…`) so a list can be
 * linked, reloaded and returned to with the back button. The search is debounced; `search` is the
 * settled, trimmed text the query uses. A filter spec with no values (`authorId: []`) takes any value.
 */
export function useAdminListQuery<S extends FilterSpec>(spec: S) {
  const route = useRoute();
  const router = useRouter();
  const text = ref(readText(route.query, 'q'));
  const settled = useDebounced(text, SEARCH_DELAY_MS, text.value);
  const filters = reactive(readFilters(route.query, spec)) as Record<keyof S, string>;
  const search = computed(() => settled.value.trim());
  // While the page is left for another route its watchers may still see the new route: leave that one alone.
  const listRoute = route.name;
  const onList = () => route.name === listRoute;

  watch([search, () => ({ ...filters })], ([q, current]) => {
    if (!onList()) return;
    void router.replace({ query: listQuery(q, current) });
  });

  // Back/forward or a link to the same page with other filters.
  watch(
    () => route.query,
    (query) => {
      if (!onList()) return;
      const q = readText(query, 'q');
      if (q !== search.value) text.value = q;
      Object.assign(filters, readFilters(query, spec));
    },
  );

  /** The GraphQL value of a filter: undefined for "all". */
  const variable = <T extends string>(key: keyof S): T | undefined => (filters[key] || undefined) as T | undefined;

  return { text, search, filters, variable };
}

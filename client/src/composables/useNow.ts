import { onScopeDispose, ref } from 'vue';

/** The time, refreshed every `ms` so "5 minutes ago" keeps true. */
export function useNow(ms = 30_000) {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), ms);
  onScopeDispose(() => clearInterval(timer));
  return now;
}

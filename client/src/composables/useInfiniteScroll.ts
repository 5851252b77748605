import { onScopeDispose, watch, type Ref } from 'vue';

/**
 * Calls `load` whenever `sentinel` (an element after the last item) comes within `margin`
 * of the viewport while `enabled()` — the "load more" button stays for keyboards and for
 * browsers without IntersectionObserver.
 */
export function useInfiniteScroll(
  sentinel: Readonly<Ref<HTMLElement | null>>,
  enabled: () => boolean,
  load: () => unknown,
  margin = '600px',
) {
  if (typeof IntersectionObserver === 'undefined') return;
  let visible = false;
  const observer = new IntersectionObserver(
    (entries) => {
      visible = entries.some((entry) => entry.isIntersecting);
      if (visible && enabled()) load();
    },
    { rootMargin: margin },
  );

  watch(
    sentinel,
    (element, previous) => {
      if (previous) observer.unobserve(previous);
      if (element) observer.observe(element);
    },
    { immediate: true },
  );
  // A page that did not fill the screen: keep loading while the sentinel is still in view.
  watch(enabled, (now) => {
    if (now && visible) load();
  });
  onScopeDispose(() => observer.disconnect());
}

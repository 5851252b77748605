import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/**
 * The height that makes `element` end where the window's usable part does (above the phones' tab bar and the
 * page's bottom gap), whatever is above it (the header, one row or two, a banner): a chat's log scrolls inside it
 * while the composer stays in view.
 */
export function useFillWindow(element: Readonly<Ref<HTMLElement | null>>) {
  const height = ref<string | undefined>();
  function fit() {
    const el = element.value;
    if (!el) return;
    const top = Math.max(0, Math.round(el.getBoundingClientRect().top + window.scrollY));
    height.value = `calc(100dvh - ${top}px - var(--tabbar-h) - var(--fill-gap, 0px))`;
  }
  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(fit);
  onMounted(() => {
    fit();
    window.addEventListener('resize', fit);
    const header = document.querySelector('header');
    if (header) observer?.observe(header);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('resize', fit);
    observer?.disconnect();
  });
  return height;
}

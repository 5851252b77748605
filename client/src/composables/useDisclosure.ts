import { onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';
import { useRoute } from 'vue-router';

/**
 * A popup owned by `root` and opened by `button`: closed by Escape (focus back on the button),
 * by the focus or a click leaving `root`, and by navigation.
 */
export function useDisclosure(root: Ref<HTMLElement | null>, button: Ref<HTMLElement | null>) {
  const open = ref(false);
  const route = useRoute();

  function close(focusButton = false): void {
    open.value = false;
    if (focusButton) button.value?.focus();
  }

  function onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (open.value && next && root.value && !root.value.contains(next)) close();
  }

  function onDocumentClick(event: MouseEvent): void {
    if (open.value && root.value && !root.value.contains(event.target as Node)) close();
  }

  watch(
    () => route.fullPath,
    () => close(),
  );
  onMounted(() => document.addEventListener('click', onDocumentClick));
  onBeforeUnmount(() => document.removeEventListener('click', onDocumentClick));

  return { open, close, onFocusOut };
}

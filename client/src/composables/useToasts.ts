import { onScopeDispose, shallowRef, type Ref } from 'vue';
import { ToastQueue, type Toast } from './toastQueue';

export type { Toast } from './toastQueue';

export interface Toasts<T> {
  /** The toasts on screen, oldest first (give it to UiToastStack with `queue`). */
  toasts: Readonly<Ref<readonly Toast<T>[]>>;
  queue: ToastQueue<T>;
  /** Shows `item` unless a toast with `key` is already there. */
  push(key: string, item: T): void;
  dismiss(key: string): void;
  clear(): void;
}

/**
 * THE toast queue: short-lived toasts, at most `max` at once (the oldest goes first), each for
 * `ms` unless held (UiToastStack holds them while hovered or focused). Cleared with the component.
 */
export function useToasts<T>(options: { ms: number; max: number }): Toasts<T> {
  const toasts = shallowRef<readonly Toast<T>[]>([]);
  const queue = new ToastQueue<T>(options.ms, options.max, (list) => (toasts.value = list));
  onScopeDispose(() => queue.clear());
  return {
    toasts,
    queue,
    push: (key, item) => queue.push(key, item),
    dismiss: (key) => queue.dismiss(key),
    clear: () => queue.clear(),
  };
}

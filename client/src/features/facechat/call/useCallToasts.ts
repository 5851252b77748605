import { onScopeDispose, ref } from 'vue';

export interface CallToast {
  id: number;
  text: string;
  tone: 'info' | 'success' | 'error';
  /** A link to follow (e.g. the album). */
  link?: { to: string; label: string };
}

const SHOW_MS = 6000;

/** Short-lived messages over the call (newest last, a few at most). */
export function useCallToasts() {
  const toasts = ref<CallToast[]>([]);
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let seq = 0;

  function dismiss(id: number): void {
    clearTimeout(timers.get(id));
    timers.delete(id);
    toasts.value = toasts.value.filter((toast) => toast.id !== id);
  }

  function show(toast: Omit<CallToast, 'id'>, ms = SHOW_MS): number {
    const id = ++seq;
    toasts.value = [...toasts.value.slice(-3), { ...toast, id }];
    timers.set(id, setTimeout(() => dismiss(id), ms));
    return id;
  }

  onScopeDispose(() => timers.forEach((timer) => clearTimeout(timer)));
  return { toasts, show, dismiss };
}

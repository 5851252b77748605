import { useToasts } from '../../../composables/useToasts';

export interface CallToast {
  text: string;
  tone: 'info' | 'success' | 'error';
  /** A link to follow (e.g. the album). */
  link?: { to: string; label: string };
}

const SHOW_MS = 6000;
const MAX_SHOWN = 4;

/** Short-lived messages over the call (newest last, a few at most): the app's one toast queue. */
export function useCallToasts() {
  const stack = useToasts<CallToast>({ ms: SHOW_MS, max: MAX_SHOWN });
  let seq = 0;
  return {
    stack,
    show(toast: CallToast): string {
      const key = `call-toast-${++seq}`;
      stack.push(key, toast);
      return key;
    },
  };
}

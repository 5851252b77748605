import { onScopeDispose } from 'vue';

/** Two taps (or clicks) closer than this make a double tap. */
const DOUBLE_TAP_MS = 300;
/** …and no further apart than this, in CSS pixels. */
const DOUBLE_TAP_SLOP = 30;

/**
 * Tells a single tap from a double tap on a photo: `double` at once on the second tap, `single` only once no second
 * tap followed (so a double tap never also toggles what a single tap does). Works for touch and mouse alike.
 */
export function usePhotoTaps(handlers: { single: () => void; double: (event: MouseEvent) => void }) {
  let last: { time: number; x: number; y: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  onScopeDispose(() => clearTimeout(timer));

  return function onClick(event: MouseEvent): void {
    const now = event.timeStamp || performance.now();
    const near = last && Math.hypot(event.clientX - last.x, event.clientY - last.y) <= DOUBLE_TAP_SLOP;
    if (last && near && now - last.time <= DOUBLE_TAP_MS) {
      clearTimeout(timer);
      last = null;
      handlers.double(event);
      return;
    }
    last = { time: now, x: event.clientX, y: event.clientY };
    clearTimeout(timer);
    timer = setTimeout(() => {
      last = null;
      handlers.single();
    }, DOUBLE_TAP_MS);
  };
}

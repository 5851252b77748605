/** A point in a photo, 0..1 from the left and from the top (what `PhotoTagInput` takes). */
export interface PhotoPoint {
  x: number;
  y: number;
}

const clamp01 = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5);
/** Four decimals: a tenth of a pixel on a 1000-pixel photo, and stable to compare. */
const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Where a click landed in the photo's box. A click made with the keyboard (Enter or Space on the
 * photo's button: no pointer position, `detail` 0) tags the middle of the photo.
 */
export function photoPointFromClick(
  event: { clientX: number; clientY: number; detail: number },
  box: { left: number; top: number; width: number; height: number },
): PhotoPoint {
  if (event.detail === 0 || box.width <= 0 || box.height <= 0) return { x: 0.5, y: 0.5 };
  return {
    x: round(clamp01((event.clientX - box.left) / box.width)),
    y: round(clamp01((event.clientY - box.top) / box.height)),
  };
}

/** CSS for a label placed at a point: it stays inside the photo near the edges. */
export function labelStyle(point: PhotoPoint): Record<string, string> {
  const x = clamp01(point.x);
  const y = clamp01(point.y);
  return {
    left: `${x * 100}%`,
    top: `${y * 100}%`,
    transform: `translate(${-x * 100}%, ${y > 0.85 ? '-100%' : '0.5rem'})`,
  };
}

/** Moves an item of a list one place earlier (-1) or later (+1); a new list, unchanged at the ends. */
export function moveItem<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  const next = [...list];
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return next;
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

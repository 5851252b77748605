/** The viewer's zoom range: the photo fitted (1) to four times that. */
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 4;

/** A zoom kept within range; values close to 1 snap to 1 so a photo never stays a hair off fitted. */
export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return MIN_ZOOM;
  const clamped = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
  return clamped < 1.02 ? MIN_ZOOM : clamped;
}

/** The zoom while pinching: the zoom at the start scaled by how far the fingers moved apart. */
export function pinchZoom(startZoom: number, startDistance: number, distance: number): number {
  return startDistance > 0 ? clampZoom((startZoom * distance) / startDistance) : clampZoom(startZoom);
}

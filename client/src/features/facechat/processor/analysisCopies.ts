/**
 * The small copies of a camera frame the analysis worker works on, made wherever
 * the frame is (the main thread, or the compose worker when compositing runs there).
 */

/** Target size of one copy (createImageBitmap's resize options). */
export interface CopySize {
  resizeWidth: number;
  resizeHeight: number;
}

/** Which copies an analysis wants: one for the segmenter, one for the landmarker (either may be absent). */
export interface AnalysisSizes {
  segment?: CopySize;
  landmark?: CopySize;
}

/** width×height scaled down (never up) so its long side is `longSide`. */
export function scaledSize(width: number, height: number, longSide: number): CopySize {
  const scale = Math.min(1, longSide / Math.max(width, height));
  return { resizeWidth: Math.max(1, Math.round(width * scale)), resizeHeight: Math.max(1, Math.round(height * scale)) };
}

/**
 * Scaled copies of the frame. The caller may close its frame as soon as this
 * returns: a VideoFrame is cloned for the copies and closed once they exist.
 */
export async function copyForAnalysis(
  source: VideoFrame | HTMLVideoElement | OffscreenCanvas,
  sizes: AnalysisSizes,
): Promise<{ segment?: ImageBitmap; landmark?: ImageBitmap }> {
  const copy = typeof VideoFrame !== 'undefined' && source instanceof VideoFrame ? source.clone() : source;
  try {
    const [segment, landmark] = await Promise.allSettled([
      sizes.segment ? createImageBitmap(copy, sizes.segment) : undefined,
      sizes.landmark ? createImageBitmap(copy, sizes.landmark) : undefined,
    ]);
    if (segment.status === 'rejected' || landmark.status === 'rejected') {
      // Both or neither: a half analysis is not worth the bookkeeping.
      if (segment.status === 'fulfilled') segment.value?.close();
      if (landmark.status === 'fulfilled') landmark.value?.close();
      throw segment.status === 'rejected' ? segment.reason : (landmark as PromiseRejectedResult).reason;
    }
    return { segment: segment.value, landmark: landmark.value };
  } finally {
    if (copy !== source) (copy as VideoFrame).close();
  }
}

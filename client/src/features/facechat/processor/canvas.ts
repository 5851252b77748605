/** Small canvas helpers shared by the compositor and the theme renderer. */

export type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;
export type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** An OffscreenCanvas where the browser has one (cheaper, no DOM), else a detached <canvas>. */
export function createCanvas(width: number, height: number): AnyCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

export function context2d(canvas: AnyCanvas, options?: CanvasRenderingContext2DSettings): Context2D {
  const context = canvas.getContext('2d', options) as Context2D | null;
  if (!context) throw new Error('2D canvas is not available');
  return context;
}

export function resizeCanvas(canvas: AnyCanvas, width: number, height: number): void {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
}

/** True when a WebGL2 context can be made here; MediaPipe needs one even with the CPU delegate. */
export function hasWebGL2(): boolean {
  try {
    const gl = createCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    // Give the context back at once: browsers allow only a few live ones.
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return !!gl;
  } catch {
    return false;
  }
}

/**
 * Composites one output frame at the camera's resolution with Canvas 2D:
 *
 *   camera frame (full resolution)
 *   + background layer at half resolution: animated theme | blurred camera | flat
 *     colour, with the person cut out of it by the segmenter's mask
 *     ('destination-out'), upscaled over the frame with smoothing.
 *
 * The person's pixels come straight from the camera at full resolution; only the
 * background (soft by nature) and the mask (256 px anyway) are half resolution,
 * which makes a frame 3 full-size blits instead of 6.
 *
 * Canvas 2D rather than WebGL: a few blits per frame are cheap on a CPU raster
 * backend too, and it keeps working where WebGL does not (the models need WebGL,
 * the compositing does not). Without a mask the whole frame is blurred, so the
 * raw background is never sent once an effect is chosen.
 *
 * A mask with (almost) no person in it — nobody in view, or a person the segmenter
 * loses because it cannot see their face (it leans on faces: a covered or turned
 * face drops the body with it) — must not turn the whole frame into the background:
 * that was the "solid teal box labelled Calm" (no face → neutral → teal; under the
 * frame-budget fallback literally one flat colour). Such a mask is not used; the
 * last mask that had a person stays in use (people who look away are still there),
 * and before there was ever one, a soft head-and-shoulders silhouette in the middle
 * of the frame (personSilhouette.ts) stands in, where webcams frame people.
 */
import { type AnyCanvas, type Context2D, context2d, createCanvas, resizeCanvas } from './canvas';
import { personSilhouette } from './personSilhouette';
import { ThemeRenderer } from './themeRenderer';

/** theme: animated emotion theme; image: the chosen picture; blur: blurred camera; flat-*: one colour (frame-budget fallback). */
export type Background = 'theme' | 'image' | 'blur' | 'flat-theme' | 'flat-grey';

/** Resolution of the background layer relative to the frame… */
const BACKGROUND_SCALE = 0.5;
/**
 * …and at most this long side: the layer is soft anyway (theme, blur, a 256 px mask),
 * so at 720p and above its pixels cost time (theme, cut-out) without showing.
 */
const BACKGROUND_MAX_LONG_SIDE = 480;
/** Downscale factor of the blurred image: blurring a small image is what makes it cheap. */
const BLUR_DOWNSCALE = 8;
const BLUR_RADIUS_PX = 2;
/** Flat colour behind the person when blur is over budget, and under the blur's edges. */
const FLAT_GREY = 'rgb(96, 104, 118)';
/** Below this share of person pixels the mask is taken to have found nobody (a person in a webcam frame covers far more). */
export const MIN_PERSON_COVERAGE = 0.04;

export class Compositor {
  readonly themes = new ThemeRenderer();
  private readonly context: Context2D;
  private readonly layer = createCanvas(1, 1);
  private readonly layerContext = context2d(this.layer);
  private readonly small = createCanvas(1, 1);
  private readonly smallContext = context2d(this.small);
  /** The mask drawn with: the newest one with a person in it, or the silhouette. */
  private mask: ImageBitmap | AnyCanvas | null = null;
  private coverage = 0;
  private image: CanvasImageSource | null = null;
  /** The image scaled to cover the background layer, redrawn when either changes size. */
  private readonly imageLayer = createCanvas(1, 1);
  private imageLayerFor: { image: CanvasImageSource | null; width: number; height: number } = { image: null, width: 0, height: 0 };

  constructor(readonly output: AnyCanvas) {
    this.context = context2d(output, { alpha: false, desynchronized: true });
  }

  get hasMask(): boolean {
    return this.mask !== null;
  }

  /** The picture behind the person in 'image' mode (null: blur instead). */
  setImage(image: CanvasImageSource | null): void {
    this.image = image;
  }

  /** Share of person pixels in the newest mask (0 without one), even when that mask was set aside. */
  get maskCoverage(): number {
    return this.mask ? this.coverage : 0;
  }

  /**
   * Takes ownership of the newest mask (`coverage` = its share of person pixels); a
   * mask that found nobody is closed and the previous person mask (or the
   * silhouette) stays in use. null drops every mask (blur until the next one).
   */
  setMask(mask: ImageBitmap | null, coverage = 1): void {
    this.coverage = mask ? coverage : 0;
    if (mask && coverage < MIN_PERSON_COVERAGE) {
      if (!this.mask) this.mask = personSilhouette({ width: mask.width, height: mask.height });
      mask.close();
      return;
    }
    if (this.mask && 'close' in this.mask) this.mask.close();
    this.mask = mask;
  }

  /**
   * Draws the frame. `background` is what goes behind the person; without a mask
   * the blurred frame is drawn instead (even for 'theme'), never the raw one.
   */
  render(source: CanvasImageSource, width: number, height: number, background: Background, nowMs: number): void {
    resizeCanvas(this.output, width, height);
    const context = this.context;
    context.imageSmoothingEnabled = true;
    if (!this.mask) {
      this.drawBlurred(context, source, width, height);
      return;
    }
    const layerScale = Math.min(BACKGROUND_SCALE, BACKGROUND_MAX_LONG_SIDE / Math.max(width, height));
    const layerWidth = Math.max(1, Math.round(width * layerScale));
    const layerHeight = Math.max(1, Math.round(height * layerScale));
    resizeCanvas(this.layer, layerWidth, layerHeight);
    const layer = this.layerContext;
    layer.globalCompositeOperation = 'source-over';
    layer.imageSmoothingEnabled = true;
    if (background === 'theme') this.themes.draw(layer, layerWidth, layerHeight, nowMs);
    else if (background === 'image' && this.image) layer.drawImage(this.coveredImage(this.image, layerWidth, layerHeight), 0, 0);
    else if (background === 'blur' || background === 'image') this.drawBlurred(layer, source, layerWidth, layerHeight);
    else if (background === 'flat-theme') this.themes.drawFlat(layer, layerWidth, layerHeight);
    else {
      layer.fillStyle = FLAT_GREY;
      layer.fillRect(0, 0, layerWidth, layerHeight);
    }
    // Cut the person out of the background, then lay it over the camera frame.
    layer.globalCompositeOperation = 'destination-out';
    layer.drawImage(this.mask, 0, 0, layerWidth, layerHeight);
    layer.globalCompositeOperation = 'source-over';
    context.drawImage(source, 0, 0, width, height);
    context.drawImage(this.layer, 0, 0, width, height);
  }

  /** The image cropped to fill width×height (like CSS cover), cached: one blit a frame. */
  private coveredImage(image: CanvasImageSource, width: number, height: number): AnyCanvas {
    const cached = this.imageLayerFor;
    if (cached.image === image && cached.width === width && cached.height === height) return this.imageLayer;
    resizeCanvas(this.imageLayer, width, height);
    const context = context2d(this.imageLayer);
    const size = imageSize(image);
    const scale = Math.max(width / size.width, height / size.height);
    const [drawWidth, drawHeight] = [size.width * scale, size.height * scale];
    context.imageSmoothingQuality = 'high';
    context.drawImage(image, (width - drawWidth) / 2, (height - drawHeight) / 2, drawWidth, drawHeight);
    this.imageLayerFor = { image, width, height };
    return this.imageLayer;
  }

  dispose(): void {
    this.setMask(null);
  }

  /** Heavy blur: downscale (with a small blur where ctx.filter exists), then upscale smoothly. */
  private drawBlurred(target: Context2D, source: CanvasImageSource, width: number, height: number): void {
    const small = this.smallContext;
    const filter = 'filter' in small;
    // The same blur whatever the target's size: the intermediate follows the output frame.
    // Without ctx.filter a smaller intermediate is the only blur, so go smaller.
    const factor = filter ? BLUR_DOWNSCALE : BLUR_DOWNSCALE * 2;
    const smallWidth = Math.max(1, Math.round(this.output.width / factor));
    const smallHeight = Math.max(1, Math.round(this.output.height / factor));
    resizeCanvas(this.small, smallWidth, smallHeight);
    small.imageSmoothingEnabled = true;
    // Drawing with a blur filter leaves the borders half-transparent: fill first.
    small.fillStyle = FLAT_GREY;
    small.fillRect(0, 0, smallWidth, smallHeight);
    if (filter) small.filter = `blur(${BLUR_RADIUS_PX}px)`;
    small.drawImage(source, -2, -2, smallWidth + 4, smallHeight + 4);
    if (filter) small.filter = 'none';
    target.drawImage(this.small, 0, 0, width, height);
  }
}

function imageSize(image: CanvasImageSource): { width: number; height: number } {
  // Also runs in the compose worker, which has no HTMLVideoElement.
  if (typeof HTMLVideoElement !== 'undefined' && image instanceof HTMLVideoElement)
    return { width: image.videoWidth || 1, height: image.videoHeight || 1 };
  if (typeof VideoFrame !== 'undefined' && image instanceof VideoFrame) return { width: image.displayWidth, height: image.displayHeight };
  const sized = image as { width: number | SVGAnimatedLength; height: number | SVGAnimatedLength };
  const value = (length: number | SVGAnimatedLength) => (typeof length === 'number' ? length : length.baseVal.value);
  return { width: Math.max(1, value(sized.width)), height: Math.max(1, value(sized.height)) };
}

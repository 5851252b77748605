/**
 * Draws the animated emotion themes with Canvas 2D, cheaply enough for every
 * frame on a CPU: the gradient is rendered once per theme and size and then
 * blitted; the glow and the particles are pre-rendered radial sprites drawn with
 * drawImage. Particle positions are a pure function of time and index (no state),
 * so nothing accumulates and a dropped frame does not matter.
 *
 * Switching themes cross-fades: the old theme is drawn, then the new one over it
 * with rising opacity.
 */
import type { Emotion } from '../emotion/classify';
import { type AnyCanvas, type Context2D, context2d, createCanvas } from './canvas';
import { THEMES, type Theme, rgbCss } from './themes';

const CROSS_FADE_MS = 800;
const SPRITE_SIZE = 64;
const REFERENCE_HEIGHT = 480;
const REFERENCE_AREA = 640 * 480;

const fract = (value: number) => value - Math.floor(value);
/** Stable pseudo-random 0..1 per particle and channel. */
const seed = (index: number, channel: number) => fract(Math.sin(index * 127.1 + channel * 311.7) * 43758.5453);
const smoothstep = (edge0: number, edge1: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
};

export class ThemeRenderer {
  private current: Emotion = 'neutral';
  private previous: Emotion | null = null;
  private fadeStartMs = 0;
  private gradients = new Map<Emotion, AnyCanvas>();
  private sprites = new Map<string, AnyCanvas>();
  private size = { width: 0, height: 0 };

  get emotion(): Emotion {
    return this.current;
  }

  setEmotion(emotion: Emotion, nowMs: number): void {
    if (emotion === this.current) return;
    this.previous = this.current;
    this.current = emotion;
    this.fadeStartMs = nowMs;
  }

  /** Fills the whole canvas with the (cross-fading) animated theme. */
  draw(context: Context2D, width: number, height: number, nowMs: number): void {
    if (width !== this.size.width || height !== this.size.height) {
      this.gradients.clear();
      this.size = { width, height };
    }
    const fade = this.previous ? Math.min(1, (nowMs - this.fadeStartMs) / CROSS_FADE_MS) : 1;
    if (fade >= 1) this.previous = null;
    const timeS = nowMs / 1000;
    context.save();
    if (this.previous) this.drawTheme(context, THEMES[this.previous], width, height, timeS, 1);
    this.drawTheme(context, THEMES[this.current], width, height, timeS, fade);
    context.restore();
  }

  /** The cheapest background: the theme's top colour, flat (frame-budget fallback). */
  drawFlat(context: Context2D, width: number, height: number): void {
    context.fillStyle = rgbCss(THEMES[this.current].top);
    context.fillRect(0, 0, width, height);
  }

  private drawTheme(context: Context2D, theme: Theme, width: number, height: number, timeS: number, alpha: number) {
    context.globalAlpha = alpha;
    context.drawImage(this.gradient(theme, width, height), 0, 0);

    // The glow wanders in the lower half and never reaches the top band.
    const glowRadius = 0.45 * height;
    const glowX = width * (0.5 + 0.28 * Math.sin(timeS * 0.21));
    const glowY = height * (0.72 + 0.08 * Math.sin(timeS * 0.33));
    context.globalAlpha = alpha * (0.35 + 0.1 * Math.sin(timeS * 0.7));
    context.drawImage(this.sprite(theme.glow), glowX - glowRadius, glowY - glowRadius, 2 * glowRadius, 2 * glowRadius);

    const scale = height / REFERENCE_HEIGHT;
    const count = Math.round(theme.particleCount * Math.min(2, (width * height) / REFERENCE_AREA));
    const sprite = this.sprite(theme.particle);
    for (let index = 0; index < count; index++) {
      const particle = particleAt(theme, index, timeS, width, height);
      // Particles fade out towards the top edge: light "rises into" the sky, and the
      // top band keeps the theme's own colour.
      const visibility = particle.alpha * smoothstep(0.06 * height, 0.3 * height, particle.y);
      if (visibility <= 0.01) continue;
      const radius = theme.particleSize * particle.size * scale;
      const stretch = theme.motion === 'rain' ? 5 : 1;
      context.globalAlpha = alpha * visibility;
      context.drawImage(sprite, particle.x - radius, particle.y - radius * stretch, 2 * radius, 2 * radius * stretch);
    }
  }

  private gradient(theme: Theme, width: number, height: number): AnyCanvas {
    let canvas = this.gradients.get(theme.emotion);
    if (!canvas) {
      canvas = createCanvas(width, height);
      const context = context2d(canvas);
      const gradient = context.createLinearGradient(0, 0, 0, height);
      // Flat through the top fifth, so the top corners show `top` exactly.
      gradient.addColorStop(0, rgbCss(theme.top));
      gradient.addColorStop(0.2, rgbCss(theme.top));
      gradient.addColorStop(1, rgbCss(theme.bottom));
      context.fillStyle = gradient;
      context.fillRect(0, 0, width, height);
      this.gradients.set(theme.emotion, canvas);
    }
    return canvas;
  }

  private sprite(colour: Theme['glow']): AnyCanvas {
    const key = colour.join(',');
    let canvas = this.sprites.get(key);
    if (!canvas) {
      canvas = createCanvas(SPRITE_SIZE, SPRITE_SIZE);
      const context = context2d(canvas);
      const half = SPRITE_SIZE / 2;
      const gradient = context.createRadialGradient(half, half, 0, half, half, half);
      gradient.addColorStop(0, rgbCss(colour, 1));
      gradient.addColorStop(0.35, rgbCss(colour, 0.6));
      gradient.addColorStop(1, rgbCss(colour, 0));
      context.fillStyle = gradient;
      context.fillRect(0, 0, SPRITE_SIZE, SPRITE_SIZE);
      this.sprites.set(key, canvas);
    }
    return canvas;
  }
}

interface Particle {
  x: number;
  y: number;
  /** Radius factor around 1. */
  size: number;
  /** 0..1 */
  alpha: number;
}

/** Where particle `index` of `theme` is at `timeS`: a pure function, see the file comment. */
export function particleAt(theme: Theme, index: number, timeS: number, width: number, height: number): Particle {
  const [s1, s2, s3, s4] = [seed(index, 1), seed(index, 2), seed(index, 3), seed(index, 4)];
  const progress = fract(s3 + timeS * theme.speed * (0.6 + 0.8 * s4));
  switch (theme.motion) {
    case 'sparkle':
      return {
        x: width * s1 + Math.sin(timeS * 0.8 + s2 * 6.28) * 0.02 * width,
        y: height * (1 - progress),
        size: 0.6 + 0.8 * s2,
        alpha: 0.55 + 0.45 * Math.sin(timeS * 3 + s2 * 20),
      };
    case 'rain':
      return { x: width * s1, y: height * progress, size: 0.7 + 0.6 * s2, alpha: 0.5 + 0.3 * s4 };
    case 'ember':
      return {
        x: width * s1 + Math.sin(timeS * 2 + s2 * 6.28) * 0.03 * width,
        y: height * (1 - progress),
        size: 0.5 + s2,
        alpha: (1 - progress) * (0.6 + 0.4 * Math.sin(timeS * 9 + s2 * 30)),
      };
    case 'burst': {
      const angle = s1 * 2 * Math.PI;
      const reach = progress * 0.75 * Math.hypot(width, height);
      return {
        x: width / 2 + Math.cos(angle) * reach,
        y: height * 0.55 + Math.sin(angle) * reach,
        size: 0.5 + progress * 1.2,
        alpha: 1 - progress,
      };
    }
    case 'bokeh':
      return {
        x: width * fract(s1 + timeS * theme.speed * (0.5 + s4)),
        y: height * (0.35 + 0.6 * s3),
        size: 0.6 + 0.8 * s2,
        alpha: 0.22 + 0.12 * Math.sin(timeS * 0.9 + s2 * 10),
      };
  }
}

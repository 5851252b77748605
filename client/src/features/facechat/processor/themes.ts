/**
 * The animated background themes, one per emotion classifyEmotion can return.
 *
 * Pure data (no DOM), so tests in Node can read the colours they expect to find
 * in a remote participant's video. Every theme is a vertical gradient from `top`
 * to `bottom`, a slow glow that wanders in the lower half, and a few light
 * particles. The top band stays close to `top` at all times (glow and particles
 * keep away from the top corners), which is what the browser tests sample.
 */
import type { Emotion } from '../emotion/classify';

export type Rgb = readonly [number, number, number];

type ParticleMotion =
  /** Rise slowly and twinkle (joy). */
  | 'sparkle'
  /** Fall as thin drops (sadness). */
  | 'rain'
  /** Rise fast and flicker (anger). */
  | 'ember'
  /** Fly outwards from the centre (surprise). */
  | 'burst'
  /** Drift sideways, large and soft (calm). */
  | 'bokeh';

export interface Theme {
  emotion: Emotion;
  /** Gradient colour at the top edge: what the top corners of the video show. */
  top: Rgb;
  /** Gradient colour at the bottom edge. */
  bottom: Rgb;
  /** Colour of the wandering glow. */
  glow: Rgb;
  /** Colour of the particles (light, so they read as light). */
  particle: Rgb;
  motion: ParticleMotion;
  /** Number of particles on a 640×480 frame (scaled with the frame area). */
  particleCount: number;
  /** Particle radius in px at 480 px frame height. */
  particleSize: number;
  /** Particle speed in frame heights per second. */
  speed: number;
}

export const THEMES: Record<Emotion, Theme> = {
  happy: {
    emotion: 'happy',
    top: [255, 196, 61],
    bottom: [255, 122, 89],
    glow: [255, 244, 200],
    particle: [255, 252, 230],
    motion: 'sparkle',
    particleCount: 26,
    particleSize: 7,
    speed: 0.08,
  },
  sad: {
    emotion: 'sad',
    top: [34, 64, 120],
    bottom: [92, 128, 180],
    glow: [150, 180, 230],
    particle: [200, 220, 255],
    motion: 'rain',
    particleCount: 34,
    particleSize: 2,
    speed: 0.45,
  },
  angry: {
    emotion: 'angry',
    top: [128, 16, 24],
    bottom: [226, 70, 47],
    glow: [255, 150, 60],
    particle: [255, 200, 120],
    motion: 'ember',
    particleCount: 30,
    particleSize: 3,
    speed: 0.3,
  },
  surprised: {
    emotion: 'surprised',
    top: [136, 64, 236],
    bottom: [255, 95, 162],
    glow: [255, 210, 250],
    particle: [255, 240, 255],
    motion: 'burst',
    particleCount: 28,
    particleSize: 4,
    speed: 0.35,
  },
  neutral: {
    emotion: 'neutral',
    top: [104, 168, 148],
    bottom: [196, 222, 206],
    glow: [210, 240, 228],
    particle: [235, 250, 245],
    motion: 'bokeh',
    particleCount: 12,
    particleSize: 14,
    speed: 0.03,
  },
};

/** Euclidean distance in RGB, enough to tell the themes apart. */
export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** The theme whose top colour is nearest to `colour` (what tests use to read a video's theme). */
export function nearestTheme(colour: Rgb): { theme: Theme; distance: number } {
  let best: { theme: Theme; distance: number } | null = null;
  for (const theme of Object.values(THEMES)) {
    const distance = colourDistance(colour, theme.top);
    if (!best || distance < best.distance) best = { theme, distance };
  }
  return best!;
}

export const rgbCss = (colour: Rgb, alpha = 1) => `rgba(${colour[0]}, ${colour[1]}, ${colour[2]}, ${alpha})`;

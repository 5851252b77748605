/**
 * A soft head-and-shoulders shape in the middle of the frame, as an alpha mask:
 * where a webcam frames a person. The compositor uses it when the segmenter has
 * never found anyone (see compositor.ts), so a person it cannot segment (face
 * covered or turned away from the start) stays visible rather than vanishing
 * behind the background.
 */
import { type AnyCanvas, context2d, createCanvas } from './canvas';

export function personSilhouette({ width, height }: { width: number; height: number }): AnyCanvas {
  const canvas = createCanvas(width, height);
  const context = context2d(canvas);
  const feather = Math.max(1, Math.round(Math.min(width, height) * 0.04));
  if ('filter' in context) context.filter = `blur(${feather}px)`;
  context.fillStyle = '#fff';
  // Head: an upright ellipse a little above the middle.
  context.beginPath();
  context.ellipse(0.5 * width, 0.4 * height, 0.17 * width, 0.3 * height, 0, 0, 2 * Math.PI);
  context.fill();
  // Shoulders: a wide half-ellipse rising from the bottom edge.
  context.beginPath();
  context.ellipse(0.5 * width, 1.05 * height, 0.42 * width, 0.38 * height, 0, 0, 2 * Math.PI);
  context.fill();
  return canvas;
}

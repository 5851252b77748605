/**
 * Preset background images, drawn procedurally (nothing downloaded, no files to
 * ship): a few calm scenes made of gradients and shapes. `renderPreset` draws one
 * at any size; the picker draws small thumbnails with the same function.
 */
import { type AnyCanvas, context2d, createCanvas } from './canvas';

export const PRESET_BACKGROUNDS = ['sunrise', 'ocean', 'forest'] as const;
export type PresetBackground = (typeof PRESET_BACKGROUNDS)[number];

/** Colour at the top edge of each preset (tests read the published video's top corners). */
export const PRESET_TOP: Record<PresetBackground, readonly [number, number, number]> = {
  sunrise: [255, 170, 120],
  ocean: [40, 110, 190],
  forest: [28, 84, 60],
};

const css = (rgb: readonly number[]) => `rgb(${rgb.join(', ')})`;

export function isPresetBackground(value: unknown): value is PresetBackground {
  return (PRESET_BACKGROUNDS as readonly unknown[]).includes(value);
}

export function renderPreset(preset: PresetBackground, width: number, height: number): AnyCanvas {
  const canvas = createCanvas(width, height);
  const context = context2d(canvas);
  const sky = context.createLinearGradient(0, 0, 0, height);
  if (preset === 'sunrise') {
    sky.addColorStop(0, css(PRESET_TOP.sunrise));
    sky.addColorStop(0.35, css(PRESET_TOP.sunrise));
    sky.addColorStop(1, 'rgb(255, 226, 160)');
    context.fillStyle = sky;
    context.fillRect(0, 0, width, height);
    context.fillStyle = 'rgba(255, 250, 220, 0.85)';
    context.beginPath();
    context.arc(0.72 * width, 0.7 * height, 0.12 * height, 0, 2 * Math.PI);
    context.fill();
    context.fillStyle = 'rgb(196, 112, 96)';
    hills(context, width, height, 0.78, 0.06);
  } else if (preset === 'ocean') {
    sky.addColorStop(0, css(PRESET_TOP.ocean));
    sky.addColorStop(0.4, css(PRESET_TOP.ocean));
    sky.addColorStop(0.55, 'rgb(150, 200, 235)');
    sky.addColorStop(1, 'rgb(20, 80, 140)');
    context.fillStyle = sky;
    context.fillRect(0, 0, width, height);
    context.strokeStyle = 'rgba(255, 255, 255, 0.35)';
    context.lineWidth = Math.max(1, height / 160);
    for (let row = 0; row < 6; row++) {
      const y = height * (0.62 + row * 0.06);
      context.beginPath();
      for (let x = 0; x <= width; x += width / 24) context.lineTo(x, y + Math.sin(x / (width / 12) + row) * height * 0.008);
      context.stroke();
    }
  } else {
    sky.addColorStop(0, css(PRESET_TOP.forest));
    sky.addColorStop(0.35, css(PRESET_TOP.forest));
    sky.addColorStop(1, 'rgb(120, 170, 110)');
    context.fillStyle = sky;
    context.fillRect(0, 0, width, height);
    for (let i = 0; i < 9; i++) {
      const x = ((i + 0.5) / 9) * width;
      const treeHeight = height * (0.35 + 0.15 * Math.abs(Math.sin(i * 1.7)));
      context.fillStyle = i % 2 ? 'rgb(20, 70, 45)' : 'rgb(35, 95, 60)';
      context.beginPath();
      context.moveTo(x, height - treeHeight);
      context.lineTo(x - width / 14, height);
      context.lineTo(x + width / 14, height);
      context.fill();
    }
  }
  return canvas;
}

function hills(context: ReturnType<typeof context2d>, width: number, height: number, base: number, amplitude: number) {
  context.beginPath();
  context.moveTo(0, height);
  for (let x = 0; x <= width; x += width / 32) context.lineTo(x, height * (base + amplitude * Math.sin((x / width) * 5)));
  context.lineTo(width, height);
  context.fill();
}

/**
 * Pixel statistics shared by the harness page (on received video) and the tests
 * (on the raw photo in Node), so both sides measure the same way.
 */
export type Rgb = [number, number, number];

/** Median colour of a w×h patch at (x, y) of an RGBA or RGB image (robust to a stray particle). */
export function patchMedian(
  pixels: ArrayLike<number>,
  imageWidth: number,
  channels: 3 | 4,
  x: number,
  y: number,
  w: number,
  h: number,
): Rgb {
  const values: number[][] = [[], [], []];
  for (let row = y; row < y + h; row++) {
    for (let col = x; col < x + w; col++) {
      const i = (row * imageWidth + col) * channels;
      for (let c = 0; c < 3; c++) values[c].push(pixels[i + c]);
    }
  }
  return values.map((list) => list.sort((a, b) => a - b)[list.length >> 1]) as Rgb;
}

/** The two top-corner patches (inset a little from the edges, where codecs smear). */
export function topCorners(pixels: ArrayLike<number>, width: number, height: number, channels: 3 | 4): { left: Rgb; right: Rgb } {
  const size = Math.round(Math.min(width, height) * 0.06);
  const inset = Math.round(size / 2);
  return {
    left: patchMedian(pixels, width, channels, inset, inset, size, size),
    right: patchMedian(pixels, width, channels, width - inset - size, inset, size, size),
  };
}

/**
 * Sharpness: mean absolute Laplacian of the luma. A blurred frame scores a
 * small fraction of the photo it came from; a raw frame (even after a video
 * codec) scores close to it.
 */
export function sharpness(pixels: ArrayLike<number>, width: number, height: number, channels: 3 | 4): number {
  const luma = new Float32Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const j = i * channels;
    luma[i] = 0.299 * pixels[j] + 0.587 * pixels[j + 1] + 0.114 * pixels[j + 2];
  }
  let sum = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      sum += Math.abs(4 * luma[i] - luma[i - 1] - luma[i + 1] - luma[i - width] - luma[i + width]);
    }
  }
  return sum / ((width - 2) * (height - 2));
}

export function meanLuma(pixels: ArrayLike<number>, width: number, height: number, channels: 3 | 4): number {
  let sum = 0;
  for (let i = 0; i < width * height; i++) {
    const j = i * channels;
    sum += 0.299 * pixels[j] + 0.587 * pixels[j + 1] + 0.114 * pixels[j + 2];
  }
  return sum / (width * height);
}

/**
 * Where each person's frame goes in a call screenshot: a clean grid of equal cells (one person alone fills the
 * picture), each frame whole inside its cell (contain: nothing cropped, aspect kept), at least `minWidth` wide —
 * small frames are scaled up — and at most `maxSide` on the longest side.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ShotLayout extends Size {
  /** Where each source is drawn, in the order given. */
  frames: Box[];
}

export interface LayoutOptions {
  minWidth?: number;
  maxSide?: number;
  /** The space between cells, as a share of the picture's width. */
  gap?: number;
}

/** Columns for n people: 1, 2, 2×2, 3×3, 4×4. */
function columnsFor(n: number): number {
  if (n <= 1) return 1;
  if (n <= 4) return 2;
  return n <= 9 ? 3 : 4;
}

export function layoutShot(sources: readonly Size[], options: LayoutOptions = {}): ShotLayout {
  const { minWidth = 1280, maxSide = 1920, gap: gapShare = 0.006 } = options;
  const n = Math.max(1, sources.length);
  const cols = columnsFor(n);
  const rows = Math.ceil(n / cols);
  // The cell takes the tallest frame's shape, so every frame fits its width (wider ones get bands above and below).
  const ratio = Math.max(...sources.map((s) => s.height / Math.max(1, s.width)), 9 / 16);
  const natural = Math.max(...sources.map((s) => s.width), 1);
  let width = Math.max(minWidth, natural * cols);
  const gapFor = (w: number) => (cols > 1 || rows > 1 ? Math.round(w * gapShare) : 0);
  const heightFor = (w: number) => {
    const cell = (w - gapFor(w) * (cols - 1)) / cols;
    return cell * ratio * rows + gapFor(w) * (rows - 1);
  };
  width = Math.min(width, maxSide);
  const tall = heightFor(width);
  if (tall > maxSide) width *= maxSide / tall;
  width = Math.round(width);
  const gap = gapFor(width);
  const cellW = (width - gap * (cols - 1)) / cols;
  const cellH = cellW * ratio;
  const height = Math.round(cellH * rows + gap * (rows - 1));

  const frames = sources.map((source, i) => {
    const row = Math.floor(i / cols);
    // A last row that is not full is centred.
    const inRow = row === rows - 1 ? n - cols * (rows - 1) : cols;
    const offset = ((cols - inRow) * (cellW + gap)) / 2;
    const cell = { x: offset + (i % cols) * (cellW + gap), y: row * (cellH + gap) };
    const scale = Math.min(cellW / source.width, cellH / source.height);
    const w = source.width * scale;
    const h = source.height * scale;
    return { x: Math.round(cell.x + (cellW - w) / 2), y: Math.round(cell.y + (cellH - h) / 2), w: Math.round(w), h: Math.round(h) };
  });
  return { width, height, frames };
}

export interface FacePoint {
  x: number;
  y: number;
}

/**
 * Each frame's face point, 0–1 of the whole picture: the face found inside the frame nearest its centre, else the
 * frame's upper middle (where a face usually is in a call). `faces` are 0–1 of the picture too.
 */
export function facePointsFor(layout: ShotLayout, faces: readonly FacePoint[]): FacePoint[] {
  const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10_000) / 10_000;
  return layout.frames.map((frame) => {
    const inside = faces
      .map((f) => ({ x: f.x * layout.width, y: f.y * layout.height }))
      .filter((f) => f.x >= frame.x && f.x <= frame.x + frame.w && f.y >= frame.y && f.y <= frame.y + frame.h);
    const cx = frame.x + frame.w / 2;
    const cy = frame.y + frame.h / 2;
    const best = inside.sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy))[0] ?? {
      x: cx,
      y: frame.y + frame.h * 0.38,
    };
    return { x: round(best.x / layout.width), y: round(best.y / layout.height) };
  });
}

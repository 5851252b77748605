/**
 * Draws the call view as the user sees it into one canvas: the grid's background, then every tile
 * where it is on screen — its background, its current video frame cropped like `object-fit: cover`
 * (mirrored where the tile is; the frame is the published one, effect background included), or
 * the initials when the camera is off — then the badge and the name label. JPEG out.
 */

/** The longest side of a screenshot; the API stores at most 2048 px anyway. */
const MAX_SIDE = 1920;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function relativeBox(element: Element, origin: DOMRect, scale: number): Box {
  const r = element.getBoundingClientRect();
  return { x: (r.left - origin.left) * scale, y: (r.top - origin.top) * scale, w: r.width * scale, h: r.height * scale };
}

function roundRect(ctx: CanvasRenderingContext2D, box: Box, radius: number): void {
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.w, box.h, radius);
}

function colourOf(element: Element, fallback: string): string {
  const colour = getComputedStyle(element).backgroundColor;
  return colour && colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent' ? colour : fallback;
}

/** The video frame, cropped to fill the box like object-fit: cover. */
function drawCover(ctx: CanvasRenderingContext2D, video: HTMLVideoElement, box: Box, mirrored: boolean): void {
  const { videoWidth: vw, videoHeight: vh } = video;
  const scale = Math.max(box.w / vw, box.h / vh);
  const sw = box.w / scale;
  const sh = box.h / scale;
  ctx.save();
  if (mirrored) {
    ctx.translate(box.x * 2 + box.w, 0);
    ctx.scale(-1, 1);
  }
  ctx.drawImage(video, (vw - sw) / 2, (vh - sh) / 2, sw, sh, box.x, box.y, box.w, box.h);
  ctx.restore();
}

/** A label like the tile's: white text on a dark pill. */
function drawLabel(
  ctx: CanvasRenderingContext2D,
  text: string,
  at: { x: number; y: number },
  size: number,
  maxWidth: number,
  from: 'top' | 'bottom',
): void {
  ctx.font = `600 ${size}px system-ui, -apple-system, "Noto Sans KR", "Apple SD Gothic Neo", sans-serif`;
  ctx.textBaseline = 'middle';
  const padX = size * 0.5;
  const h = size * 1.6;
  let label = text;
  while (label.length > 1 && ctx.measureText(label).width + padX * 2 > maxWidth) label = label.slice(0, -1);
  if (label !== text) label = `${label.slice(0, -1)}…`;
  const w = ctx.measureText(label).width + padX * 2;
  const y = from === 'bottom' ? at.y - h : at.y;
  ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
  roundRect(ctx, { x: at.x, y, w, h }, size * 0.4);
  ctx.fill();
  ctx.fillStyle = '#fff';
  ctx.fillText(label, at.x + padX, y + h / 2);
}

function drawTile(ctx: CanvasRenderingContext2D, tile: HTMLElement, origin: DOMRect, scale: number): void {
  const box = relativeBox(tile, origin, scale);
  if (box.w <= 0 || box.h <= 0) return;
  const radius = 12 * scale;
  ctx.save();
  roundRect(ctx, box, radius);
  ctx.clip();
  ctx.fillStyle = colourOf(tile, '#1e293b');
  ctx.fillRect(box.x, box.y, box.w, box.h);

  const video = tile.querySelector<HTMLVideoElement>('[data-tile-video]');
  const placeholder = tile.querySelector<HTMLElement>('[data-tile-placeholder]');
  if (video && video.style.display !== 'none' && video.videoWidth > 0 && video.readyState >= 2) {
    drawCover(ctx, video, box, video.dataset.mirrored === 'true');
  } else if (placeholder) {
    const p = relativeBox(placeholder, origin, scale);
    ctx.fillStyle = colourOf(placeholder, '#6366f1');
    ctx.beginPath();
    ctx.arc(p.x + p.w / 2, p.y + p.h / 2, p.w / 2, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.font = `700 ${Math.round(p.h * 0.3)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(placeholder.textContent?.trim() ?? '', p.x + p.w / 2, p.y + p.h / 2);
    ctx.textAlign = 'start';
  }

  const size = Math.max(11, Math.round(14 * scale));
  const inset = 8 * scale;
  const badge = tile.querySelector<HTMLElement>('[data-tile-badge]');
  if (badge?.textContent?.trim())
    drawLabel(ctx, badge.textContent.trim(), { x: box.x + inset, y: box.y + inset }, Math.round(size * 0.85), box.w - inset * 2, 'top');
  const name = tile.querySelector<HTMLElement>('[data-tile-name]')?.textContent?.trim();
  if (name) drawLabel(ctx, name, { x: box.x + inset, y: box.y + box.h - inset }, size, box.w - inset * 2, 'bottom');
  ctx.restore();
}

/** Renders `view` (the grid) and every `[data-call-tile]` in it into a canvas. */
function renderCallView(view: HTMLElement): HTMLCanvasElement {
  const origin = view.getBoundingClientRect();
  const scale = Math.min(window.devicePixelRatio || 1, MAX_SIDE / Math.max(origin.width, origin.height, 1));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(origin.width * scale));
  canvas.height = Math.max(1, Math.round(origin.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas');
  ctx.fillStyle = colourOf(view, '#0f172a');
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  for (const tile of view.querySelectorAll<HTMLElement>('[data-call-tile]')) drawTile(ctx, tile, origin, scale);
  return canvas;
}

function canvasToJpeg(canvas: HTMLCanvasElement, quality = 0.9): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The screenshot could not be encoded'))), 'image/jpeg', quality);
  });
}

export async function captureCallView(view: HTMLElement): Promise<File> {
  const blob = await canvasToJpeg(renderCallView(view));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return new File([blob], `pp-enter-call-${stamp}.jpg`, { type: 'image/jpeg' });
}

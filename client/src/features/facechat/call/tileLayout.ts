/**
 * Where the call's tiles go: the rows × columns that give `count` tiles of one aspect ratio the
 * biggest size inside a container — 1 fills it, 2 sit side by side on a wide screen and stacked on a
 * tall one, 5 make 3 + 2, and so on up to 16. Pure, so the stage can recompute it on every resize.
 */
export interface TileLayout {
  columns: number;
  rows: number;
  /** The size of one tile in CSS pixels (all tiles are the same size). */
  tileWidth: number;
  tileHeight: number;
}

export interface TileLayoutInput {
  count: number;
  width: number;
  height: number;
  /** Width / height of a tile (the video's, 16:9 by default). */
  aspect?: number;
  /** Space between tiles, in pixels. */
  gap?: number;
}

export function tileLayout({ count, width, height, aspect = 16 / 9, gap = 8 }: TileLayoutInput): TileLayout {
  const n = Math.max(1, Math.floor(count));
  let best: TileLayout = { columns: 1, rows: n, tileWidth: 0, tileHeight: 0 };
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    // A layout with an empty row or column is never better than the one without it.
    if ((rows - 1) * columns >= n) continue;
    const cellWidth = (width - gap * (columns - 1)) / columns;
    const cellHeight = (height - gap * (rows - 1)) / rows;
    if (cellWidth <= 0 || cellHeight <= 0) continue;
    // The biggest tile of the aspect ratio that fits the cell.
    const tileWidth = Math.min(cellWidth, cellHeight * aspect);
    const tileHeight = tileWidth / aspect;
    if (tileWidth > best.tileWidth) best = { columns, rows, tileWidth: Math.floor(tileWidth), tileHeight: Math.floor(tileHeight) };
  }
  return best;
}

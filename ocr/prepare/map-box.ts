import type { PixelBox } from '../raster';

/**
 * Maps a box found on the deskewed OCR copy back onto the kept page image (same size, rotated by
 * −correction about the centre), as the axis-aligned hull of the box's mapped corners.
 */
export function unskewBox(box: PixelBox, width: number, height: number, correctionDegrees: number): PixelBox {
  if (correctionDegrees === 0) return box;
  const a = (correctionDegrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const corners = [
    [box.x0, box.y0],
    [box.x1, box.y0],
    [box.x0, box.y1],
    [box.x1, box.y1],
  ].map(([x, y]) => {
    const dx = x! - cx;
    const dy = y! - cy;
    // rotateGray's source position for an output pixel: the kept page's pixel under this OCR pixel.
    return [cx + dx * cos - dy * sin, cy + dx * sin + dy * cos] as const;
  });
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return {
    x0: Math.max(0, Math.min(...xs)),
    y0: Math.max(0, Math.min(...ys)),
    x1: Math.min(width, Math.max(...xs)),
    y1: Math.min(height, Math.max(...ys)),
  };
}

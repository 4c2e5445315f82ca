import { describe, expect, it } from 'vitest';
import { fromRgba, pixelBoxToPoints, toGray } from '.';

describe('raster helpers', () => {
  it('keeps grey decoder output as one channel, colour as three, and puts transparency on white paper', () => {
    const grey = fromRgba(new Uint8Array([10, 10, 10, 255, 200, 200, 200, 255]), 2, 1);
    expect([grey.channels, ...grey.data]).toEqual([1, 10, 200]);
    const colour = fromRgba(new Uint8Array([255, 0, 0, 255, 0, 0, 0, 0]), 2, 1);
    expect([colour.channels, ...colour.data]).toEqual([3, 255, 0, 0, 255, 255, 255]);
    expect([...toGray(colour).data]).toEqual([76, 255]);
  });

  it('converts a pixel box to PDF points with the origin at the bottom left', () => {
    // 300 dpi: 300 px are 72 pt; a box 300 px below the top of a 3508 px page.
    const box = pixelBoxToPoints({ x0: 300, y0: 300, x1: 600, y1: 400 }, 3508, { x: 300, y: 300 });
    expect(box.x).toBeCloseTo(72);
    expect(box.w).toBeCloseTo(72);
    expect(box.h).toBeCloseTo(24);
    expect(box.y).toBeCloseTo(((3508 - 400) * 72) / 300);
    // Fax resolution differs per axis.
    expect(pixelBoxToPoints({ x0: 0, y0: 0, x1: 204, y1: 196 }, 196, { x: 204, y: 196 })).toEqual({ x: 0, y: 0, w: 72, h: 72 });
  });
});

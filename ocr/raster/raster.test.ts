import { loadImage, createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { encodePng, fromRgba, grayRaster, pixelBoxToPoints, toGray } from '.';

describe('raster helpers', () => {
  it('keeps grey decoder output as one channel, colour as three, and puts transparency on white paper', () => {
    const grey = fromRgba(new Uint8Array([10, 10, 10, 255, 200, 200, 200, 255]), 2, 1);
    expect([grey.channels, ...grey.data]).toEqual([1, 10, 200]);
    const colour = fromRgba(new Uint8Array([255, 0, 0, 255, 0, 0, 0, 0]), 2, 1);
    expect([colour.channels, ...colour.data]).toEqual([3, 255, 0, 0, 255, 255, 255]);
    expect([...toGray(colour).data]).toEqual([76, 255]);
  });

  it('writes a grey page as an 8-bit greyscale PNG that another decoder (Skia) reads back pixel for pixel', async () => {
    const page = grayRaster(37, 5, Uint8Array.from({ length: 37 * 5 }, (_, i) => (i * 7) % 256));
    const png = Buffer.from(await encodePng(page));
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([37, 5, 8, 0]);
    const image = await loadImage(png);
    const ctx = createCanvas(37, 5).getContext('2d');
    ctx.drawImage(image, 0, 0);
    const decoded = fromRgba(ctx.getImageData(0, 0, 37, 5).data, 37, 5);
    expect([...decoded.data]).toEqual([...page.data]);
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

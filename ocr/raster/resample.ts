import { grayRaster, type GrayRaster } from './raster';

/** Shrinks a grey raster by an integer factor, averaging each factor × factor block. */
export function downscale(g: GrayRaster, factor: number): GrayRaster {
  const f = Math.max(1, Math.floor(factor));
  if (f === 1) return g;
  const w = Math.floor(g.width / f);
  const h = Math.floor(g.height / f);
  const out = new Uint8Array(w * h);
  const area = f * f;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let yy = 0; yy < f; yy++) {
        const row = (y * f + yy) * g.width + x * f;
        for (let xx = 0; xx < f; xx++) sum += g.data[row + xx]!;
      }
      out[y * w + x] = sum / area;
    }
  }
  return grayRaster(w, h, out);
}

/** Copies a rectangle (clamped to the raster). */
export function crop(g: GrayRaster, x: number, y: number, width: number, height: number): GrayRaster {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const w = Math.max(0, Math.min(g.width - x0, Math.floor(width)));
  const h = Math.max(0, Math.min(g.height - y0, Math.floor(height)));
  const out = new Uint8Array(w * h);
  for (let row = 0; row < h; row++) out.set(g.data.subarray((y0 + row) * g.width + x0, (y0 + row) * g.width + x0 + w), row * w);
  return grayRaster(w, h, out);
}

/** 3 × 3 box blur: takes the edge off sensor noise before a local threshold. */
export function boxBlur3(g: GrayRaster): GrayRaster {
  const { width: w, height: h, data } = g;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - 1);
    const y1 = Math.min(h - 1, y + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - 1);
      const x1 = Math.min(w - 1, x + 1);
      let sum = 0;
      for (let yy = y0; yy <= y1; yy++) for (let xx = x0; xx <= x1; xx++) sum += data[yy * w + xx]!;
      out[y * w + x] = sum / ((y1 - y0 + 1) * (x1 - x0 + 1));
    }
  }
  return grayRaster(w, h, out);
}

import { grayRaster, type GrayRaster, type Raster } from './raster';

export type QuarterTurn = 0 | 90 | 180 | 270;

/** Rotates clockwise by a multiple of 90°: lossless, so the kept page image is never resampled. */
export function rotateQuarter<R extends Raster>(r: R, degrees: QuarterTurn): R {
  if (degrees === 0) return r;
  const { width: w, height: h, channels: c, data } = r;
  const swap = degrees !== 180;
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let ox: number;
      let oy: number;
      if (degrees === 90) [ox, oy] = [h - 1 - y, x];
      else if (degrees === 180) [ox, oy] = [w - 1 - x, h - 1 - y];
      else [ox, oy] = [y, w - 1 - x];
      const si = (y * w + x) * c;
      const di = (oy * ow + ox) * c;
      for (let k = 0; k < c; k++) out[di + k] = data[si + k]!;
    }
  }
  return { ...r, width: ow, height: oh, data: out };
}

/**
 * Rotates a grey raster by a small angle (degrees, positive = counter-clockwise on screen) about its
 * centre, bilinear, same size; uncovered corners become white. Used only on the copy handed to OCR.
 */
export function rotateGray(g: GrayRaster, degrees: number): GrayRaster {
  if (degrees === 0) return g;
  const { width: w, height: h, data } = g;
  const out = new Uint8Array(w * h);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // Inverse mapping: where in the source does this output pixel come from (y axis points down).
      const sx = cx + dx * cos - dy * sin;
      const sy = cy + dx * sin + dy * cos;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out[y * w + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
      const bottom = data[i + w]! + (data[i + w + 1]! - data[i + w]!) * fx;
      out[y * w + x] = top + (bottom - top) * fy + 0.5;
    }
  }
  return grayRaster(w, h, out);
}

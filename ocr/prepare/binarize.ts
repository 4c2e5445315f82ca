import { grayRaster, type GrayRaster } from '../raster';

export function histogram(g: GrayRaster): Uint32Array {
  const h = new Uint32Array(256);
  for (let i = 0; i < g.data.length; i++) h[g.data[i]!]!++;
  return h;
}

/** The grey level below which `fraction` of the pixels lie. */
export function percentile(hist: Uint32Array, fraction: number): number {
  let total = 0;
  for (const n of hist) total += n;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen >= fraction * total) return v;
  }
  return 255;
}

/** Otsu's threshold: the grey level that best separates ink from paper (maximal between-class variance). */
export function otsuThreshold(hist: Uint32Array): number {
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += hist[v]!;
    sum += v * hist[v]!;
  }
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let threshold = 127;
  for (let v = 0; v < 256; v++) {
    wB += hist[v]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += v * hist[v]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = v;
    }
  }
  return threshold;
}

/**
 * Sauvola's local threshold: t = m · (1 + k · (s / R − 1)) over a window around each pixel, from
 * integral images (O(1) per pixel). Keeps faint strokes that one global threshold loses, and turns
 * uneven paper tone into white. Output is 0 (ink) or 255 (paper).
 */
export function sauvola(g: GrayRaster, window = 41, k = 0.3, R = 128): GrayRaster {
  const { width: w, height: h, data } = g;
  const stride = w + 1;
  const sum = new Float64Array(stride * (h + 1));
  const sq = new Float64Array(stride * (h + 1));
  for (let y = 0; y < h; y++) {
    let rowSum = 0;
    let rowSq = 0;
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x]!;
      rowSum += v;
      rowSq += v * v;
      sum[(y + 1) * stride + x + 1] = sum[y * stride + x + 1]! + rowSum;
      sq[(y + 1) * stride + x + 1] = sq[y * stride + x + 1]! + rowSq;
    }
  }
  const r = window >> 1;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const n = (y1 - y0) * (x1 - x0);
      const a = y0 * stride + x0;
      const b = y0 * stride + x1;
      const c = y1 * stride + x0;
      const d = y1 * stride + x1;
      const mean = (sum[d]! - sum[b]! - sum[c]! + sum[a]!) / n;
      const variance = Math.max(0, (sq[d]! - sq[b]! - sq[c]! + sq[a]!) / n - mean * mean);
      const t = mean * (1 + k * (Math.sqrt(variance) / R - 1));
      out[y * w + x] = data[y * w + x]! <= t ? 0 : 255;
    }
  }
  return grayRaster(w, h, out);
}

/** Global Otsu binarisation. */
export function binarizeOtsu(g: GrayRaster): GrayRaster {
  const t = otsuThreshold(histogram(g));
  const out = new Uint8Array(g.data.length);
  for (let i = 0; i < out.length; i++) out[i] = g.data[i]! <= t ? 0 : 255;
  return grayRaster(g.width, g.height, out);
}

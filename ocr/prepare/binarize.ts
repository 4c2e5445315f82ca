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
 * Sauvola's local threshold: t = m · (1 + k · (s / R − 1)) over a window around each pixel. Keeps faint
 * strokes that one global threshold loses, and turns uneven paper tone into white. Window sums slide
 * down the page in per-column running totals, so memory stays at a few rows however large the page.
 * Output is 0 (ink) or 255 (paper).
 */
export function sauvola(g: GrayRaster, window = 41, k = 0.3, R = 128): GrayRaster {
  const { width: w, height: h, data } = g;
  const r = window >> 1;
  const colSum = new Float64Array(w);
  const colSq = new Float64Array(w);
  const rowSum = new Float64Array(w + 1);
  const rowSq = new Float64Array(w + 1);
  const addRow = (y: number, sign: 1 | -1) => {
    for (let x = 0, i = y * w; x < w; x++, i++) {
      const v = data[i]!;
      colSum[x]! += sign * v;
      colSq[x]! += sign * v * v;
    }
  };
  for (let y = 0; y < Math.min(h, r); y++) addRow(y, 1);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    if (y + r < h) addRow(y + r, 1);
    if (y - r - 1 >= 0) addRow(y - r - 1, -1);
    const rows = Math.min(h - 1, y + r) - Math.max(0, y - r) + 1;
    for (let x = 0; x < w; x++) {
      rowSum[x + 1] = rowSum[x]! + colSum[x]!;
      rowSq[x + 1] = rowSq[x]! + colSq[x]!;
    }
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const n = rows * (x1 - x0);
      const mean = (rowSum[x1]! - rowSum[x0]!) / n;
      const variance = Math.max(0, (rowSq[x1]! - rowSq[x0]!) / n - mean * mean);
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

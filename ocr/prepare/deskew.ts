import { downscale, type GrayRaster } from '../raster';
import { histogram, otsuThreshold } from './binarize';

export interface SkewEstimate {
  /** Rotation (degrees, rotateGray's convention) that makes the text lines horizontal. */
  readonly correction: number;
  /** Peak sharpness relative to the unrotated page (1 = no better than leaving it). */
  readonly gain: number;
}

const MAX_POINTS = 150_000;

/**
 * Projection-profile skew estimate: ink pixels of a ~150 dpi copy are projected onto rows for each
 * candidate angle; straight text lines give the spikiest profile (largest sum of squared row counts).
 * Coarse search in 0.2° steps over ±maxDegrees, then 0.02° steps around the best.
 */
export function estimateSkew(g: GrayRaster, dpi: number, maxDegrees = 10): SkewEstimate {
  const small = downscale(g, Math.max(1, Math.round(dpi / 150)));
  const threshold = Math.min(otsuThreshold(histogram(small)), 160);
  const xs: number[] = [];
  const ys: number[] = [];
  const cx = small.width / 2;
  const cy = small.height / 2;
  // Skip a 3 % border: scanner edges and punch holes are not text lines.
  const mx = Math.round(small.width * 0.03);
  const my = Math.round(small.height * 0.03);
  for (let y = my; y < small.height - my; y++) {
    for (let x = mx; x < small.width - mx; x++) {
      if (small.data[y * small.width + x]! <= threshold) {
        xs.push(x - cx);
        ys.push(y - cy);
      }
    }
  }
  if (xs.length < 50) return { correction: 0, gain: 1 };
  const step = Math.max(1, Math.ceil(xs.length / MAX_POINTS));
  const diag = Math.ceil(Math.hypot(small.width, small.height));
  const bins = new Float64Array(diag + 2);
  const score = (degrees: number): number => {
    const a = (degrees * Math.PI) / 180;
    const sin = Math.sin(a);
    const cos = Math.cos(a);
    bins.fill(0);
    // Row of each ink pixel after rotating the page by `degrees` (see rotateGray's inverse mapping).
    for (let i = 0; i < xs.length; i += step) bins[Math.round(-xs[i]! * sin + ys[i]! * cos + diag / 2)]! += 1;
    let s = 0;
    for (const b of bins) s += b * b;
    return s;
  };
  let best = 0;
  let bestScore = score(0);
  const base = bestScore;
  for (let d = -maxDegrees; d <= maxDegrees + 1e-9; d += 0.2) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  const coarse = best;
  for (let d = coarse - 0.2; d <= coarse + 0.2 + 1e-9; d += 0.02) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  return { correction: Math.round(best * 100) / 100, gain: bestScore / base };
}

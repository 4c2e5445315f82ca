import { downscale, type GrayRaster } from '../raster';
import { histogram, percentile } from './binarize';

export interface BlankVerdict {
  readonly blank: boolean;
  /** Ink blobs big enough to be writing (specks, dust and show-through are not counted). */
  readonly marks: number;
  /** Share of the page covered by those blobs. */
  readonly inkRatio: number;
}

export interface BlankOptions {
  /** How much darker than the paper a pixel must be to count as ink (grey levels). */
  readonly contrast?: number;
  /** Fewer marks than this is a blank page: a short word already has more. */
  readonly minMarks?: number;
}

/**
 * Blank-page test on a ~150 dpi copy: ink is what is clearly darker than the paper (the median), and
 * only connected blobs of at least ~0.3 mm² count, so sensor noise, dust specks and faint show-through
 * of the front side leave a back page blank while a single handwritten word does not.
 */
export function detectBlank(g: GrayRaster, dpi: number, options: BlankOptions = {}): BlankVerdict {
  const contrast = options.contrast ?? 60;
  const minMarks = options.minMarks ?? 5;
  const small = downscale(g, Math.max(1, Math.round(dpi / 150)));
  const smallDpi = dpi / Math.max(1, Math.round(dpi / 150));
  const paper = percentile(histogram(small), 0.5);
  const limit = paper - contrast;
  const { width: w, height: h } = small;
  const mx = Math.round(w * 0.03);
  const my = Math.round(h * 0.03);
  const minArea = Math.max(4, Math.round(0.3 * (smallDpi / 25.4) ** 2));
  const ink = new Uint8Array(w * h);
  for (let y = my; y < h - my; y++) {
    for (let x = mx; x < w - mx; x++) if (small.data[y * w + x]! < limit) ink[y * w + x] = 1;
  }
  let marks = 0;
  let inkArea = 0;
  const stack: number[] = [];
  for (let start = 0; start < ink.length; start++) {
    if (ink[start] !== 1) continue;
    // Flood-fill one blob (8-connected), marking visited pixels with 2.
    let area = 0;
    ink[start] = 2;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      area++;
      const px = p % w;
      const py = (p - px) / w;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = px + dx;
          const ny = py + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const q = ny * w + nx;
          if (ink[q] === 1) {
            ink[q] = 2;
            stack.push(q);
          }
        }
      }
    }
    if (area >= minArea) {
      marks++;
      inkArea += area;
    }
  }
  return { blank: marks < minMarks, marks, inkRatio: inkArea / (w * h) };
}

/**
 * A decoded page image in memory: row-major, channels interleaved, 8 bits per sample.
 * 1 channel is grey (0 black … 255 white), 3 is RGB, 4 is RGBA.
 */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3 | 4;
  readonly data: Uint8Array;
}

/** A grey raster: the form every analysis step works on. */
export interface GrayRaster extends Raster {
  readonly channels: 1;
}

/** A page image with its scan resolution, so pixel positions can be turned into PDF points. */
export interface PageImage {
  readonly raster: Raster;
  /** Dots per inch, horizontally and vertically (scanners may differ, fax has 204 × 196). */
  readonly dpi: { readonly x: number; readonly y: number };
}

export const grayRaster = (width: number, height: number, data?: Uint8Array): GrayRaster => ({
  width,
  height,
  channels: 1,
  data: data ?? new Uint8Array(width * height).fill(255),
});

/** Luma (ITU-R BT.601) of an RGB(A) raster; grey rasters are returned as they are. */
export function toGray(r: Raster): GrayRaster {
  if (r.channels === 1) return r as GrayRaster;
  const out = new Uint8Array(r.width * r.height);
  const c = r.channels;
  const d = r.data;
  for (let i = 0, j = 0; i < out.length; i++, j += c) {
    out[i] = (d[j]! * 299 + d[j + 1]! * 587 + d[j + 2]! * 114 + 500) / 1000;
  }
  return grayRaster(r.width, r.height, out);
}

/** Page size in PDF points (1/72 inch) for a page image. */
export const pageSizePoints = (p: PageImage): { width: number; height: number } => ({
  width: (p.raster.width * 72) / p.dpi.x,
  height: (p.raster.height * 72) / p.dpi.y,
});

/**
 * One channel value with alpha `a` composited onto white paper. Kept outside the per-pixel loop: a
 * closure made per pixel cost seconds per page under tsx, whose keepNames wraps every closure it creates.
 */
const overWhite = (v: number, a: number): number => (a === 255 ? v : (v * a + 255 * (255 - a) + 127) / 255);

/**
 * Turns decoder output (RGBA) into the smallest faithful raster: grey when every pixel is grey (most
 * scans), RGB otherwise; transparency is composited onto white paper.
 */
export function fromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Raster {
  const n = width * height;
  let gray = true;
  for (let i = 0; i < n && gray; i++) {
    const j = i * 4;
    gray = rgba[j] === rgba[j + 1] && rgba[j] === rgba[j + 2];
  }
  const out = new Uint8Array(n * (gray ? 1 : 3));
  for (let i = 0; i < n; i++) {
    const j = i * 4;
    const a = rgba[j + 3]!;
    if (gray) out[i] = overWhite(rgba[j]!, a);
    else {
      out[i * 3] = overWhite(rgba[j]!, a);
      out[i * 3 + 1] = overWhite(rgba[j + 1]!, a);
      out[i * 3 + 2] = overWhite(rgba[j + 2]!, a);
    }
  }
  return { width, height, channels: gray ? 1 : 3, data: out };
}

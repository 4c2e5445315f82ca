import { createCanvas } from '@napi-rs/canvas';
import type { GrayRaster, Raster } from './raster';

/** Binary PGM (P5): the cheapest lossless format Tesseract's Leptonica reads. */
export function encodePgm(g: GrayRaster): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${g.width} ${g.height}\n255\n`);
  const out = new Uint8Array(header.length + g.data.length);
  out.set(header);
  out.set(g.data, header.length);
  return out;
}

/** RGBA copy of any raster, as canvases and image encoders expect it. */
export function toRgba(r: Raster): Uint8ClampedArray {
  const n = r.width * r.height;
  const out = new Uint8ClampedArray(n * 4);
  const c = r.channels;
  for (let i = 0; i < n; i++) {
    const s = i * c;
    const d = i * 4;
    if (c === 1) out[d] = out[d + 1] = out[d + 2] = r.data[s]!;
    else {
      out[d] = r.data[s]!;
      out[d + 1] = r.data[s + 1]!;
      out[d + 2] = r.data[s + 2]!;
    }
    out[d + 3] = c === 4 ? r.data[s + 3]! : 255;
  }
  return out;
}

/** Lossless PNG of a page image (Skia's encoder). */
export async function encodePng(r: Raster): Promise<Uint8Array> {
  const canvas = createCanvas(r.width, r.height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(r.width, r.height);
  image.data.set(toRgba(r));
  ctx.putImageData(image, 0, 0);
  return new Uint8Array(await canvas.encode('png'));
}

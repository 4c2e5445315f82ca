import { createCanvas } from '@napi-rs/canvas';
import { crc32, deflateSync } from 'node:zlib';
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

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * 8-bit greyscale PNG (colour type 0, rows unfiltered) compressed by node's zlib. Skia would write RGBA,
 * four times the pixels to encode, which PDF/A writing then has to decode and flatten; a grey PNG is
 * embedded as it is.
 */
function encodeGrayPng(r: Raster): Uint8Array {
  const rows = Buffer.alloc((r.width + 1) * r.height);
  for (let y = 0; y < r.height; y++) rows.set(r.data.subarray(y * r.width, (y + 1) * r.width), y * (r.width + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(r.width, 0);
  header.writeUInt32BE(r.height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** Lossless PNG of a page image: grey pages as greyscale PNG, colour through Skia's encoder. */
export async function encodePng(r: Raster): Promise<Uint8Array> {
  if (r.channels === 1) return encodeGrayPng(r);
  const canvas = createCanvas(r.width, r.height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(r.width, r.height);
  image.data.set(toRgba(r));
  ctx.putImageData(image, 0, 0);
  return new Uint8Array(await canvas.encode('png'));
}

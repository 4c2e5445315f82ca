/** Size and resolution read from a PNG or JPEG header, before any pixel is decoded. */
export interface ImageHeader {
  readonly width: number;
  readonly height: number;
  /** Null when the file does not say (then the caller assumes a default). */
  readonly dpi: { x: number; y: number } | null;
}

const u16 = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const u32 = (b: Uint8Array, o: number) => ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;

/** PNG: IHDR is the first chunk; pHYs (pixels per metre) may follow before the image data. */
export function readPngHeader(b: Uint8Array): ImageHeader | null {
  if (b.length < 33) return null;
  const width = u32(b, 16);
  const height = u32(b, 20);
  let dpi: ImageHeader['dpi'] = null;
  for (let o = 8; o + 8 <= b.length; ) {
    const len = u32(b, o);
    const type = String.fromCharCode(b[o + 4]!, b[o + 5]!, b[o + 6]!, b[o + 7]!);
    if (type === 'pHYs' && o + 17 <= b.length && b[o + 16] === 1) {
      dpi = { x: u32(b, o + 8) * 0.0254, y: u32(b, o + 12) * 0.0254 };
    }
    if (type === 'IDAT' || type === 'IEND') break;
    o += 12 + len;
  }
  return { width, height, dpi };
}

/** JPEG: walks the markers up to the first start-of-frame; JFIF APP0 carries the density. */
export function readJpegHeader(b: Uint8Array): ImageHeader | null {
  let dpi: ImageHeader['dpi'] = null;
  for (let o = 2; o + 4 <= b.length; ) {
    if (b[o] !== 0xff) return null;
    const marker = b[o + 1]!;
    if (marker === 0xff) {
      o++;
      continue;
    }
    const len = u16(b, o + 2);
    if (marker === 0xe0 && o + 18 <= b.length && String.fromCharCode(...b.subarray(o + 4, o + 8)) === 'JFIF') {
      const unit = b[o + 11];
      const x = u16(b, o + 12);
      const y = u16(b, o + 14);
      if (unit === 1 && x > 0 && y > 0) dpi = { x, y };
      else if (unit === 2 && x > 0 && y > 0) dpi = { x: x * 2.54, y: y * 2.54 };
    }
    // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (o + 9 > b.length) return null;
      return { height: u16(b, o + 5), width: u16(b, o + 7), dpi };
    }
    o += 2 + len;
  }
  return null;
}

/**
 * Whether the file ends as its format requires (PNG: an IEND chunk; JPEG: the EOI marker). Decoders
 * quietly paint a cut-off image white below the cut; a truncated scan must be noticed instead.
 */
export function imageComplete(b: Uint8Array, format: 'png' | 'jpeg'): boolean {
  const tail = Buffer.from(b.buffer, b.byteOffset, b.byteLength).subarray(Math.max(0, b.length - 64));
  return format === 'png' ? tail.includes('IEND', 0, 'latin1') : tail.includes(Buffer.from([0xff, 0xd9]));
}

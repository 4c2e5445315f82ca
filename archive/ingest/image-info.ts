/**
 * Header reading for TIFF, JPEG and PNG: pixel size and resolution, enough to tell a readable image from a
 * broken one without decoding it.
 */
export interface ImageInfo {
  readonly width: number;
  readonly height: number;
  /** Dots per inch when the file states it. */
  readonly dpi?: number;
}

function png(bytes: Buffer): ImageInfo | undefined {
  if (bytes.length < 33 || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  let dpi: number | undefined;
  // Chunks: length, type, data, CRC; pHYs unit 1 is pixels per metre.
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'pHYs' && length >= 9 && bytes[at + 16] === 1)
      dpi = Math.round(bytes.readUInt32BE(at + 8) * 0.0254);
    if (type === 'IDAT' || type === 'IEND') break;
    at += 12 + length;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), ...(dpi ? { dpi } : {}) };
}

function jpeg(bytes: Buffer): ImageInfo | undefined {
  let dpi: number | undefined;
  for (let at = 2; at + 4 <= bytes.length;) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    // JFIF APP0: density unit 1 is dots per inch.
    if (marker === 0xe0 && bytes.toString('latin1', at + 4, at + 9) === 'JFIF\0' && bytes[at + 11] === 1)
      dpi = bytes.readUInt16BE(at + 12);
    // SOF0..SOF15 without DHT (C4), JPG (C8) and DAC (CC) carry height and width.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      if (at + 9 > bytes.length) return undefined;
      const info = { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
      return { ...info, ...(dpi ? { dpi } : {}) };
    }
    at += 2 + length;
  }
  return undefined;
}

/** The entries of a TIFF's first IFD (tag, type, value or offset), or undefined when it is cut short. */
function firstIfd(bytes: Buffer) {
  const le = bytes[0] === 0x49;
  const u16 = (at: number) => (le ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (le ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > bytes.length) return undefined;
  const entries: { tag: number; type: number; value: number }[] = [];
  for (let i = 0; i < u16(ifd); i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > bytes.length) return undefined;
    const type = u16(at + 2);
    entries.push({ tag: u16(at), type, value: type === 3 ? u16(at + 8) : u32(at + 8) });
  }
  return { entries, u32 };
}

function tiff(bytes: Buffer): ImageInfo | undefined {
  const ifd = firstIfd(bytes);
  if (!ifd) return undefined;
  let width: number | undefined;
  let height: number | undefined;
  let xres: number | undefined;
  let unit = 2; // the TIFF default is inch
  for (const { tag, type, value } of ifd.entries) {
    if (tag === 256) width = value;
    else if (tag === 257) height = value;
    else if (tag === 296) unit = value;
    else if (tag === 282 && type === 5 && value + 8 <= bytes.length)
      xres = ifd.u32(value) / (ifd.u32(value + 4) || 1);
  }
  if (width === undefined || height === undefined) return undefined;
  const dpi = xres === undefined ? undefined : Math.round(unit === 3 ? xres * 2.54 : xres);
  return { width, height, ...(dpi ? { dpi } : {}) };
}

/** The Compression tag of a TIFF's first image (1 none, 4 CCITT G4, 5 LZW, 7 JPEG, 8 Deflate …). */
export function tiffCompression(bytes: Buffer): number | undefined {
  try {
    return firstIfd(bytes)?.entries.find((e) => e.tag === 259)?.value;
  } catch {
    return undefined; // truncated: not a readable TIFF
  }
}

export function imageInfo(bytes: Buffer, mimeType: string): ImageInfo | undefined {
  try {
    if (mimeType === 'image/png') return png(bytes);
    if (mimeType === 'image/jpeg') return jpeg(bytes);
    if (mimeType === 'image/tiff') return tiff(bytes);
  } catch {
    // A read past the end is a truncated header: the image is not readable.
  }
  return undefined;
}

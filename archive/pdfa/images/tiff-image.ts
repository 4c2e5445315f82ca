import { deflateSync } from 'node:zlib';
import UTIF from 'utif2';
import { ImageProblem, MAX_IMAGE_PIXELS, type RasterImage } from './raster-image';

/** One page of a TIFF as a PDF image, with the resolution it was scanned at. */
export interface TiffPage {
  readonly image: RasterImage;
  readonly dpi: { readonly x: number; readonly y: number };
}

/** A record's TIFF has as many pages as a thick letter, not thousands. */
const MAX_PAGES = 1000;

/** An image problem on a page of the TIFF (1-based; 1 for the file as a whole). */
export class TiffProblem extends ImageProblem {
  constructor(kind: ImageProblem['kind'], reason: string, logDetail: string, readonly page = 1) {
    super(kind, reason, logDetail);
  }
}

type Ifd = UTIF.IFD;
const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const unreadable = (detail: string, page = 1) => new TiffProblem('unreadable', 'TIFF nicht lesbar', `TIFF: ${detail}`, page);

/** utif2 follows the directory chain blindly; a chain that loops or claims too many pages is refused first. */
function assertDirectoryChain(b: Uint8Array): void {
  if (b.length < 8) throw unreadable('shorter than a header');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = b[0] === 0x49;
  if (view.getUint16(2, le) !== 42) throw unreadable('BigTIFF or not a classic TIFF');
  const visited = new Set<number>();
  for (let at = view.getUint32(4, le); at !== 0; ) {
    if (visited.has(at) || visited.size >= MAX_PAGES || at + 2 > b.length) throw unreadable('directory chain loops, is too long or leaves the file');
    visited.add(at);
    const end = at + 2 + view.getUint16(at, le) * 12;
    if (end + 4 > b.length) throw unreadable('directory runs past the end');
    at = view.getUint32(end, le);
  }
}

/** First value of a tag; rationals come as [numerator, denominator]. */
function first(ifd: Ifd, tag: number): number | undefined {
  const v = ifd[`t${tag}`];
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const x: unknown = v[0];
  return Array.isArray(x) ? (Number(x[1]) ? Number(x[0]) / Number(x[1]) : undefined) : Number(x);
}

function resolution(ifd: Ifd): { x: number; y: number } {
  const unit = first(ifd, 296) ?? 2; // 2 inch, 3 centimetre, 1 no absolute unit
  const x = first(ifd, 282);
  const y = first(ifd, 283);
  if (unit === 1 || !x || !y || !Number.isFinite(x) || !Number.isFinite(y)) return { x: 300, y: 300 };
  const perInch = unit === 3 ? 2.54 : 1;
  return { x: x * perInch, y: y * perInch };
}

/**
 * Pixels as a PDF image without losing anything: bilevel pages stay 1 bit, grey 8 bit and RGB 8 bit as
 * scanned (WhiteIsZero turned into PDF's black-is-zero); other layouts (palette, 16 bit, CMYK, alpha)
 * through utif2's RGBA, flattened onto white.
 */
function pixels(ifd: Ifd): Pick<RasterImage, 'bitsPerComponent' | 'colorSpace'> & { data: Uint8Array } {
  const bps = first(ifd, 258) ?? 1;
  const spp = first(ifd, 277) ?? 1;
  const photometric = first(ifd, 262) ?? 0;
  const planar = first(ifd, 284) ?? 1;
  const data = new Uint8Array(ifd.data);
  if (spp === 1 && (photometric === 0 || photometric === 1) && (bps === 1 || bps === 8)) {
    if (photometric === 0) for (let i = 0; i < data.length; i++) data[i] = 255 - data[i]!;
    return { bitsPerComponent: bps, colorSpace: 'DeviceGray', data };
  }
  if (spp === 3 && photometric === 2 && bps === 8 && planar === 1) return { bitsPerComponent: 8, colorSpace: 'DeviceRGB', data };
  const rgba = UTIF.toRGBA8(ifd);
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3]!;
    for (let c = 0; c < 3; c++) rgb[o++] = Math.round((rgba[i + c]! * a + 255 * (255 - a)) / 255);
  }
  return { bitsPerComponent: 8, colorSpace: 'DeviceRGB', data: rgb };
}

/** Every page of a (multi-page) TIFF, decoded one at a time and kept only in compressed form. */
export function tiffPages(bytes: Uint8Array): TiffPage[] {
  assertDirectoryChain(bytes);
  let ifds: Ifd[];
  try {
    // Reduced-resolution images (thumbnails, NewSubfileType bit 0) are not pages.
    ifds = UTIF.decode(asBuffer(bytes)).filter((ifd) => first(ifd, 256) !== undefined && ((first(ifd, 254) ?? 0) & 1) === 0);
  } catch {
    throw unreadable('directory unreadable');
  }
  if (ifds.length === 0) throw unreadable('no image directory');
  return ifds.map((ifd, i) => {
    const width = first(ifd, 256)!;
    const height = first(ifd, 257) ?? 0;
    if (width * height > MAX_IMAGE_PIXELS) {
      throw new TiffProblem('unsupported', 'TIFF-Seite zu groß', `TIFF page ${i + 1}: ${width}x${height} px`, i + 1);
    }
    try {
      UTIF.decodeImage(asBuffer(bytes), ifd);
      if (!ifd.data || ifd.data.length === 0) throw new Error('no pixel data');
      const { data, ...format } = pixels(ifd);
      const image: RasterImage = { width, height, ...format, filter: 'FlateDecode', data: deflateSync(data), passthrough: false };
      return { image, dpi: resolution(ifd) };
    } catch (e) {
      throw unreadable(`page ${i + 1} undecodable: ${(e as Error).message}`, i + 1);
    } finally {
      delete (ifd as Partial<Ifd>).data; // the decoded page is as large as the scan; keep only the compressed copy
    }
  });
}

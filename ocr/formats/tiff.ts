import UTIF from 'utif2';
import { AppError } from '../../contract/app-error';
import { grayRaster, fromRgba, type PageImage, type Raster } from '../raster';
import type { IntakeDocument } from './document';
import { assertPageCount, assertPixels, type IntakeLimits } from './limits';

type Ifd = UTIF.IFD;

const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

const broken = (detail: string, cause?: unknown) =>
  new AppError('intake.image_broken', { format: 'TIFF' }, `TIFF unreadable: ${detail}`, { cause });

/**
 * Counts the top-level IFDs by following the chain ourselves first: a hostile file can link an IFD to
 * itself (an endless loop in a naive reader) or claim millions of pages.
 */
export function countTiffIfds(b: Uint8Array, maxPages: number): number {
  if (b.length < 8) throw broken('shorter than a header');
  const le = b[0] === 0x49;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (o: number) => view.getUint16(o, le);
  const u32 = (o: number) => view.getUint32(o, le);
  if (u16(2) !== 42) throw broken('BigTIFF or not a classic TIFF');
  const seen = new Set<number>();
  let offset = u32(4);
  while (offset !== 0) {
    if (seen.has(offset)) throw broken('IFD chain loops');
    if (offset + 2 > b.length) throw broken('IFD offset outside the file');
    seen.add(offset);
    assertPageCount(seen.size, { maxPixels: Infinity, maxPages });
    const entries = u16(offset);
    const next = offset + 2 + entries * 12;
    if (next + 4 > b.length) throw broken('IFD runs past the end');
    offset = u32(next);
  }
  return seen.size;
}

/** First value of a tag; utif2 gives RATIONALs as [numerator, denominator] pairs. */
const tag = (ifd: Ifd, t: number): number | undefined => {
  const v = ifd[`t${t}`];
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const first: unknown = v[0];
  if (Array.isArray(first)) return Number(first[1]) ? Number(first[0]) / Number(first[1]) : undefined;
  return Number(first);
};

function dpiOf(ifd: Ifd): { x: number; y: number } {
  const unit = tag(ifd, 296) ?? 2;
  const perInch = unit === 3 ? 2.54 : 1;
  const x = tag(ifd, 282);
  const y = tag(ifd, 283);
  // Unit 1 means "no absolute unit": treat like a missing resolution.
  if (!x || !y || unit === 1 || !Number.isFinite(x) || !Number.isFinite(y)) return { x: 300, y: 300 };
  return { x: x * perInch, y: y * perInch };
}

/** 1-bit (fax, G3/G4) and 8-bit grey pages become grey rasters directly, everything else via RGBA. */
function toRaster(ifd: Ifd): Raster {
  const w = ifd.width;
  const h = ifd.height;
  const bps = tag(ifd, 258) ?? 1;
  const spp = tag(ifd, 277) ?? 1;
  const photometric = tag(ifd, 262) ?? 0;
  const data = ifd.data;
  if (spp === 1 && (photometric === 0 || photometric === 1) && (bps === 1 || bps === 8)) {
    const out = new Uint8Array(w * h);
    const invert = photometric === 0; // WhiteIsZero
    const bpl = Math.ceil((w * bps) / 8);
    for (let y = 0; y < h; y++) {
      const row = y * bpl;
      for (let x = 0; x < w; x++) {
        const v = bps === 1 ? ((data[row + (x >> 3)]! >> (7 - (x & 7))) & 1) * 255 : data[row + x]!;
        out[y * w + x] = invert ? 255 - v : v;
      }
    }
    return grayRaster(w, h, out);
  }
  return fromRgba(UTIF.toRGBA8(ifd), w, h);
}

export function openTiff(bytes: Uint8Array, limits: IntakeLimits): IntakeDocument {
  countTiffIfds(bytes, limits.maxPages);
  let ifds: Ifd[];
  try {
    ifds = UTIF.decode(asBuffer(bytes)).filter((ifd) => tag(ifd, 256) !== undefined && ((tag(ifd, 254) ?? 0) & 1) === 0);
  } catch (e) {
    throw broken('directory unreadable', e);
  }
  if (ifds.length === 0) throw broken('no image directory');
  ifds.forEach((ifd, i) => assertPixels(tag(ifd, 256)!, tag(ifd, 257) ?? 0, i + 1, limits));

  const at = (index: number): Ifd => {
    const ifd = ifds[index];
    if (!ifd) throw new RangeError(`page ${index} of ${ifds.length}`);
    return ifd;
  };
  return {
    format: 'tiff',
    pageCount: ifds.length,
    async pageSize(index) {
      const ifd = at(index);
      const dpi = dpiOf(ifd);
      return { width: (tag(ifd, 256)! * 72) / dpi.x, height: ((tag(ifd, 257) ?? 0) * 72) / dpi.y };
    },
    readText: async () => null,
    async rasterize(index): Promise<PageImage> {
      const ifd = at(index);
      try {
        UTIF.decodeImage(asBuffer(bytes), ifd);
        const raster = toRaster(ifd);
        if (raster.data.length === 0) throw new Error('no pixel data');
        return { raster, dpi: dpiOf(ifd) };
      } catch (e) {
        throw broken(`page ${index + 1} undecodable`, e);
      } finally {
        // The decoded strip data is as large as the page; drop it so a long batch stays small.
        delete (ifd as Partial<Ifd>).data;
      }
    },
    close: async () => undefined,
  };
}

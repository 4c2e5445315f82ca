import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { ImageProblem, MAX_IMAGE_PIXELS, type RasterImage } from './raster-image';

/**
 * PNG to a PDF image. Opaque, non-interlaced PNGs are passed through: their zlib data with the PNG
 * predictor is valid FlateDecode data, so nothing is decoded or recompressed. PNGs with alpha or
 * transparency keys are flattened onto white (an archive page has no transparency to show through),
 * and interlaced PNGs are decoded; both are then stored as 8-bit FlateDecode data.
 * An embedded iCCP profile is ignored: colours are taken as sRGB, the document's output intent.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

export const isPng = (bytes: Uint8Array): boolean => SIGNATURE.every((b, i) => bytes[i] === b);

interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly interlaced: boolean;
}

interface PngFile {
  readonly header: PngHeader;
  readonly palette: Uint8Array | undefined;
  readonly transparency: Uint8Array | undefined;
  readonly idat: Uint8Array;
}

const unreadable = (detail: string) => new ImageProblem('unreadable', 'PNG-Datei beschädigt', detail);

function readChunks(bytes: Uint8Array): PngFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let header: PngHeader | undefined;
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let ended = false;
  while (!ended) {
    if (offset + 12 > bytes.length) throw unreadable('PNG truncated before IEND');
    const length = view.getUint32(offset);
    const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
    if (offset + 12 + length > bytes.length) throw unreadable('PNG chunk runs past the end');
    if (crc32(typeAndData) !== view.getUint32(offset + 8 + length))
      throw unreadable('PNG chunk CRC mismatch');
    const type = String.fromCharCode(...typeAndData.subarray(0, 4));
    const data = typeAndData.subarray(4);
    if (type === 'IHDR') {
      if (data.length !== 13) throw unreadable('IHDR of wrong length');
      const d = new DataView(data.buffer, data.byteOffset, data.byteLength);
      header = {
        width: d.getUint32(0),
        height: d.getUint32(4),
        bitDepth: data[8]!,
        colorType: data[9]!,
        interlaced: data[12] === 1,
      };
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!header) throw unreadable('PNG without IHDR');
  if (idat.length === 0) throw unreadable('PNG without IDAT');
  return { header, palette, transparency, idat: Buffer.concat(idat) };
}

function validate({ header, palette }: PngFile): void {
  const { width, height, bitDepth, colorType } = header;
  const channels = CHANNELS[colorType];
  const depthOk =
    channels !== undefined &&
    (colorType === 0 ? [1, 2, 4, 8, 16] : colorType === 3 ? [1, 2, 4, 8] : [8, 16]).includes(bitDepth);
  if (!depthOk) throw unreadable(`PNG colour type ${colorType} with bit depth ${bitDepth}`);
  if (width === 0 || height === 0) throw unreadable('PNG with zero size');
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ImageProblem('unsupported', 'Bild zu groß', `PNG of ${width}x${height} pixels`);
  }
  if (colorType === 3 && (!palette || palette.length % 3 !== 0 || palette.length === 0)) {
    throw unreadable('palette PNG without valid PLTE');
  }
}

const rowBytes = (width: number, header: PngHeader) =>
  Math.ceil((width * CHANNELS[header.colorType]! * header.bitDepth) / 8);

function passes(
  header: PngHeader,
): { width: number; height: number; x0: number; y0: number; dx: number; dy: number }[] {
  if (!header.interlaced) return [{ width: header.width, height: header.height, x0: 0, y0: 0, dx: 1, dy: 1 }];
  return ADAM7.map(([x0, y0, dx, dy]) => ({
    width: Math.ceil((header.width - x0) / dx),
    height: Math.ceil((header.height - y0) / dy),
    x0,
    y0,
    dx,
    dy,
  })).map((p) => (p.width <= 0 || p.height <= 0 ? { ...p, width: 0, height: 0 } : p));
}

function unfilter(
  data: Uint8Array,
  offset: number,
  width: number,
  height: number,
  header: PngHeader,
): Uint8Array[] {
  const stride = rowBytes(width, header);
  const bpp = Math.max(1, (CHANNELS[header.colorType]! * header.bitDepth) / 8);
  const rows: Uint8Array[] = [];
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const start = offset + y * (stride + 1);
    if (start + stride + 1 > data.length) throw unreadable('PNG image data too short');
    const filter = data[start]!;
    const row = data.slice(start + 1, start + 1 + stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = previous[i]!;
      const c = i >= bpp ? previous[i - bpp]! : 0;
      let add: number;
      if (filter === 0) add = 0;
      else if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else throw unreadable(`PNG filter type ${filter}`);
      row[i] = (row[i]! + add) & 0xff;
    }
    rows.push(row);
    previous = row;
  }
  return rows;
}

function sample(row: Uint8Array, index: number, bitDepth: number): number {
  if (bitDepth === 8) return row[index]!;
  if (bitDepth === 16) return (row[2 * index]! << 8) | row[2 * index + 1]!;
  const perByte = 8 / bitDepth;
  const byte = row[Math.floor(index / perByte)]!;
  const shift = 8 - bitDepth * ((index % perByte) + 1);
  return (byte >> shift) & ((1 << bitDepth) - 1);
}

/** Decodes to 8-bit gray or RGB, compositing any transparency onto white. */
function decodeFlattened(png: PngFile): RasterImage {
  const { header, palette, transparency } = png;
  const { width, height, bitDepth, colorType } = header;
  const channels = CHANNELS[colorType]!;
  const gray = colorType === 0 || colorType === 4;
  const outChannels = gray ? 1 : 3;
  const max = (1 << bitDepth) - 1;
  const layout = passes(header);
  const expected = layout.reduce(
    (sum, p) => sum + (p.width > 0 ? p.height * (rowBytes(p.width, header) + 1) : 0),
    0,
  );
  let raw: Uint8Array;
  try {
    raw = inflateSync(png.idat, { maxOutputLength: expected + 1 });
  } catch {
    throw unreadable('PNG image data does not inflate to the declared size');
  }
  const out = new Uint8Array(width * height * outChannels).fill(255);
  const keyTransparent = (values: number[]): boolean => {
    if (!transparency || colorType === 3) return false;
    const view = new DataView(transparency.buffer, transparency.byteOffset, transparency.byteLength);
    if (colorType === 0) return transparency.length >= 2 && values[0] === view.getUint16(0);
    if (colorType === 2) {
      return (
        transparency.length >= 6 &&
        values[0] === view.getUint16(0) &&
        values[1] === view.getUint16(2) &&
        values[2] === view.getUint16(4)
      );
    }
    return false;
  };
  let offset = 0;
  for (const pass of layout) {
    if (pass.width === 0) continue;
    const rows = unfilter(raw, offset, pass.width, pass.height, header);
    offset += pass.height * (rowBytes(pass.width, header) + 1);
    rows.forEach((row, py) => {
      const y = pass.y0 + py * pass.dy;
      for (let px = 0; px < pass.width; px++) {
        const x = pass.x0 + px * pass.dx;
        let color: number[];
        let alpha: number;
        if (colorType === 3) {
          const index = sample(row, px, bitDepth);
          color = [palette![3 * index] ?? 0, palette![3 * index + 1] ?? 0, palette![3 * index + 2] ?? 0].map(
            (v) => v / 255,
          );
          alpha = transparency && index < transparency.length ? transparency[index]! / 255 : 1;
        } else {
          const values = Array.from({ length: channels }, (_, c) => sample(row, px * channels + c, bitDepth));
          const hasAlpha = colorType === 4 || colorType === 6;
          color = values.slice(0, hasAlpha ? channels - 1 : channels).map((v) => v / max);
          alpha = hasAlpha ? values[channels - 1]! / max : keyTransparent(values) ? 0 : 1;
        }
        const target = (y * width + x) * outChannels;
        for (let c = 0; c < outChannels; c++)
          out[target + c] = Math.round(255 * (color[c]! * alpha + (1 - alpha)));
      }
    });
  }
  return {
    width,
    height,
    bitsPerComponent: 8,
    colorSpace: gray ? 'DeviceGray' : 'DeviceRGB',
    filter: 'FlateDecode',
    data: deflateSync(out),
    passthrough: false,
  };
}

export function pngImage(bytes: Uint8Array): RasterImage {
  const png = readChunks(bytes);
  validate(png);
  const { header, palette, transparency } = png;
  if (header.interlaced || transparency || header.colorType === 4 || header.colorType === 6) {
    return decodeFlattened(png);
  }
  return {
    width: header.width,
    height: header.height,
    bitsPerComponent: header.bitDepth,
    colorSpace:
      header.colorType === 3 ? { indexed: palette! } : header.colorType === 0 ? 'DeviceGray' : 'DeviceRGB',
    filter: 'FlateDecode',
    pngPredictor: { colors: CHANNELS[header.colorType]!, columns: header.width },
    data: png.idat,
    passthrough: true,
  };
}

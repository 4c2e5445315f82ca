import { crc32, deflateSync } from 'node:zlib';

/**
 * A minimal PNG writer for tests, so images with alpha, palettes, 16-bit samples or Adam7 interlacing
 * exist with exactly known pixels. Rows are written with filter 0 except where `filter` says otherwise.
 */

export interface PngSpec {
  readonly width: number;
  readonly height: number;
  readonly colorType: 0 | 2 | 3 | 4 | 6;
  readonly bitDepth: 8 | 16;
  /** Sample values per pixel, row by row (channels per colour type; palette index for type 3). */
  readonly samples: (x: number, y: number) => readonly number[];
  readonly palette?: readonly (readonly [number, number, number])[];
  readonly transparency?: readonly number[];
  readonly interlaced?: boolean;
  /** PNG filter type used for every row (0 to 4). */
  readonly filter?: 0 | 1 | 2 | 3 | 4;
}

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function filterRow(raw: Uint8Array, previous: Uint8Array, bpp: number, filter: number): Uint8Array {
  const out = new Uint8Array(raw.length + 1);
  out[0] = filter;
  for (let i = 0; i < raw.length; i++) {
    const a = i >= bpp ? raw[i - bpp]! : 0;
    const b = previous[i] ?? 0;
    const c = i >= bpp ? (previous[i - bpp] ?? 0) : 0;
    const p = a + b - c;
    const paeth =
      Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
        ? a
        : Math.abs(p - b) <= Math.abs(p - c)
          ? b
          : c;
    const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
    out[i + 1] = (raw[i]! - predictor) & 0xff;
  }
  return out;
}

export function encodePng(spec: PngSpec): Uint8Array {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[spec.colorType];
  const bytesPerSample = spec.bitDepth / 8;
  const bpp = channels * bytesPerSample;
  const passes = spec.interlaced ? ADAM7 : [[0, 0, 1, 1] as const];
  const rows: Uint8Array[] = [];
  for (const [x0, y0, dx, dy] of passes) {
    let previous = new Uint8Array(0);
    for (let y = y0; y < spec.height; y += dy) {
      const xs: number[] = [];
      for (let x = x0; x < spec.width; x += dx) xs.push(x);
      if (xs.length === 0) continue;
      const raw = new Uint8Array(xs.length * bpp);
      xs.forEach((x, i) => {
        spec.samples(x, y).forEach((value, c) => {
          const at = i * bpp + c * bytesPerSample;
          if (bytesPerSample === 2) {
            raw[at] = value >> 8;
            raw[at + 1] = value & 0xff;
          } else raw[at] = value;
        });
      });
      rows.push(filterRow(raw, previous, bpp, spec.filter ?? 0));
      previous = raw;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr[8] = spec.bitDepth;
  ihdr[9] = spec.colorType;
  ihdr[12] = spec.interlaced ? 1 : 0;
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (spec.palette) parts.push(chunk('PLTE', Uint8Array.from(spec.palette.flat())));
  if (spec.transparency) parts.push(chunk('tRNS', Uint8Array.from(spec.transparency)));
  parts.push(chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', new Uint8Array(0)));
  return Buffer.concat(parts);
}

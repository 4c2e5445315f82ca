import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReadInputBarcodeFormat } from 'zxing-wasm/reader';
import { downscale, type GrayRaster } from '../raster';

const require = createRequire(import.meta.url);

export interface FoundBarcode {
  readonly format: string;
  readonly text: string;
}

/** Reads barcodes on a page image; an interface so tests and stages can swap the decoder. */
export interface BarcodeReader {
  read(page: GrayRaster, dpi: number): Promise<FoundBarcode[]>;
}

const FORMATS: ReadInputBarcodeFormat[] = ['QRCode', 'DataMatrix', 'Code39', 'Code128'];

let ready: Promise<unknown> | null = null;
/** ZXing-C++ compiled to wasm; the binary is read from the npm package on disk, never fetched. */
const zxing = () =>
  (ready ??= prepareZXingModule({
    overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer as ArrayBuffer },
    fireImmediately: true,
  }));

async function decode(g: GrayRaster): Promise<FoundBarcode[]> {
  await zxing();
  // ZXing takes RGBA ImageData-like input; a grey page is expanded row by row into one buffer.
  const rgba = new Uint8ClampedArray(g.width * g.height * 4);
  for (let i = 0; i < g.data.length; i++) {
    const v = g.data[i]!;
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  const results = await readBarcodes(
    { data: rgba, width: g.width, height: g.height, colorSpace: 'srgb' } as ImageData,
    { formats: FORMATS, tryHarder: true, maxNumberOfSymbols: 8 },
  );
  return results.filter((r) => r.isValid).map((r) => ({ format: r.format, text: r.text }));
}

/**
 * ZXing on a ~150 dpi copy first (four times faster, enough for separator-sized codes), then on the
 * full page when nothing was found (small codes on letters).
 */
export function createZxingReader(): BarcodeReader {
  return {
    async read(page, dpi) {
      const factor = Math.max(1, Math.round(dpi / 150));
      const small = factor > 1 ? await decode(downscale(page, factor)) : [];
      return small.length ? small : decode(page);
    },
  };
}

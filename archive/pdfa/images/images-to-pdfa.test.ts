import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../contract/app-error';
import { preflightPdfA } from '../preflight/preflight';
import { encodePng } from '../testing/png-encoder';
import { germanLetter, letterMeta } from '../testing/sample-documents';
import { readBytes, readPnm, run, workFolder } from '../testing/system-tools';
import { imagesToPdfA } from './images-to-pdfa';

const folder = workFolder();
let jpeg: Uint8Array;
let rgbPng: Uint8Array;
let grayPng: Uint8Array;

/** Renders the sample letter with poppler to get real scan-like images (the letter is A4). */
function renderLetter(file: string, format: string[], name: string): Uint8Array {
  const prefix = folder.path(name);
  const result = run('pdftoppm', ['-r', '50', '-singlefile', ...format, file, prefix]);
  expect(result.status, result.stderr).toBe(0);
  const written = readdirSync(folder.path('')).find((f) => f.startsWith(`${name}.`))!;
  return readBytes(folder.path(written));
}

beforeAll(async () => {
  const letter = folder.write('letter.pdf', await (await germanLetter()).save());
  jpeg = renderLetter(letter, ['-jpeg'], 'scan-jpeg');
  rgbPng = renderLetter(letter, ['-png'], 'scan-rgb');
  // pdftoppm writes RGB PNGs even with -gray, so the grayscale scan comes from the test encoder.
  grayPng = encodePng({
    width: 413,
    height: 585,
    colorType: 0,
    bitDepth: 8,
    filter: 2,
    samples: (x, y) => [(x + y) % 256],
  });
});
afterAll(() => folder.cleanup());

const listImages = (file: string) =>
  run('pdfimages', ['-list', file])
    .stdout.split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/))
    .map((c) => ({
      page: Number(c[0]),
      width: Number(c[3]),
      height: Number(c[4]),
      color: c[5],
      bpc: Number(c[7]),
      enc: c[8],
    }));

/** Pixel (x, y) of page 1 rendered by pdftoppm at `dpi`, as channel values. */
function renderedPixel(file: string, dpi: number, x: number, y: number): number[] {
  const prefix = folder.path(`render-${dpi}`);
  expect(run('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, prefix]).status).toBe(
    0,
  );
  const image = readPnm(`${prefix}.ppm`);
  const at = (y * image.width + x) * image.channels;
  return [...image.pixels.subarray(at, at + image.channels)];
}

describe('imagesToPdfA', () => {
  it('makes one A4 page per scan, keeps JPEG and opaque PNG data unchanged, and passes preflight and qpdf', async () => {
    const pdf = await imagesToPdfA(
      [
        { image: jpeg, dpi: 50 },
        { image: rgbPng, dpi: 50 },
        { image: grayPng, dpi: { x: 50, y: 50 } },
      ],
      letterMeta,
    );
    const file = folder.write('scans.pdf', pdf);
    expect(preflightPdfA(pdf).conforming).toBe(true);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
    const images = listImages(file);
    expect(images.map((i) => [i.page, i.enc, i.color])).toEqual([
      [1, 'jpeg', 'rgb'],
      [2, 'image', 'rgb'],
      [3, 'image', 'gray'],
    ]);
    // Each page is exactly the scanned paper: pixels * 72 / dpi, which for A4 at 50 dpi is A4 within a pixel.
    const info = run('pdfinfo', ['-f', '1', '-l', '3', file]).stdout;
    for (const image of images) {
      const size = new RegExp(`Page\\s+${image.page} size:\\s+([\\d.]+) x ([\\d.]+) pts`).exec(info)!;
      expect(Number(size[1])).toBeCloseTo((image.width * 72) / 50, 2);
      expect(Number(size[2])).toBeCloseTo((image.height * 72) / 50, 2);
      expect(Math.abs(Number(size[1]) - 595.28)).toBeLessThan(72 / 50);
      expect(Math.abs(Number(size[2]) - 841.89)).toBeLessThan(72 / 50);
    }
    const extracted = folder.path('extracted');
    expect(run('pdfimages', ['-j', '-f', '1', '-l', '1', file, extracted]).status).toBe(0);
    expect(Buffer.compare(readBytes(`${extracted}-000.jpg`), jpeg)).toBe(0);
    expect(pdf.length).toBeLessThan(jpeg.length + rgbPng.length + grayPng.length + 40_000);
  });

  it('adds the invisible text layer so the scan can be searched', async () => {
    const pdf = await imagesToPdfA(
      [{ image: jpeg, dpi: 50, words: [{ text: 'Überweisung', x: 60, y: 700, w: 90, h: 12 }] }],
      letterMeta,
    );
    const file = folder.write('searchable.pdf', pdf);
    expect(run('pdftotext', ['-enc', 'UTF-8', file, '-']).stdout).toContain('Überweisung');
    expect(preflightPdfA(pdf).conforming).toBe(true);
  });

  it('flattens PNG alpha onto white and decodes interlaced, 16-bit and palette PNGs to the right pixels', async () => {
    // 8 x 8 pixels at 72 dpi, so one PDF point is one pixel when rendered at 72 dpi.
    const rgba = encodePng({
      width: 8,
      height: 8,
      colorType: 6,
      bitDepth: 8,
      filter: 4,
      samples: (x) => (x < 4 ? [255, 0, 0, 255] : [0, 0, 255, 0]),
    });
    const interlaced16 = encodePng({
      width: 8,
      height: 8,
      colorType: 2,
      bitDepth: 16,
      interlaced: true,
      filter: 1,
      samples: (x, y) => [x * 8192, y * 8192, 65535],
    });
    const palette = encodePng({
      width: 8,
      height: 8,
      colorType: 3,
      bitDepth: 8,
      palette: [
        [0, 128, 0],
        [200, 200, 0],
      ],
      transparency: [255, 0],
      samples: (x, y) => [(x + y) % 2],
    });
    const pdf = await imagesToPdfA(
      [
        { image: rgba, dpi: 72 },
        { image: interlaced16, dpi: 72 },
        { image: palette, dpi: 72 },
      ],
      letterMeta,
    );
    const file = folder.write('pngs.pdf', pdf);
    expect(preflightPdfA(pdf).conforming).toBe(true);
    expect(listImages(file).every((i) => i.bpc === 8)).toBe(true);
    // The rendered page shows the flattened image: red where opaque, white where alpha was 0.
    expect(renderedPixel(file, 72, 1, 1)).toEqual([255, 0, 0]);
    expect(renderedPixel(file, 72, 6, 1)).toEqual([255, 255, 255]);
    // pdfimages decodes the stored image data itself, pixel for pixel.
    const prefix = folder.path('stored');
    expect(run('pdfimages', [file, prefix]).status).toBe(0);
    const pixelOf = (n: number) => {
      const image = readPnm(`${prefix}-00${n}.ppm`);
      return (x: number, y: number) => [...image.pixels.subarray((y * 8 + x) * 3, (y * 8 + x) * 3 + 3)];
    };
    const [page1, page2, page3] = [pixelOf(0), pixelOf(1), pixelOf(2)];
    expect(page1(0, 0)).toEqual([255, 0, 0]);
    expect(page1(7, 7)).toEqual([255, 255, 255]);
    for (const [x, y] of [
      [0, 0],
      [4, 6],
      [7, 3],
      [1, 1],
      [5, 2],
    ] as const) {
      expect(page2(x, y), `${x},${y}`).toEqual([
        Math.round((x * 8192 * 255) / 65535),
        Math.round((y * 8192 * 255) / 65535),
        255,
      ]);
    }
    expect(page3(0, 0)).toEqual([0, 128, 0]);
    expect(page3(1, 0)).toEqual([255, 255, 255]);
  });

  it('refuses CMYK JPEGs, broken PNGs and other files with the page number', async () => {
    // A JPEG frame header with four components is all the check reads.
    const cmyk = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10, 0x04, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11,
      0, 4, 0x11, 0, 0xff, 0xd9,
    ]);
    const brokenPng = encodePng({ width: 2, height: 2, colorType: 0, bitDepth: 8, samples: () => [0] });
    const flipAt = brokenPng.length - 20; // inside the IDAT chunk, so its CRC no longer matches
    brokenPng[flipAt] = brokenPng[flipAt]! ^ 0xff;
    const cases: [Uint8Array, string, string][] = [
      [cmyk, 'pdfa.image_unsupported', 'CMYK'],
      [brokenPng, 'pdfa.image_unreadable', 'beschädigt'],
      [new TextEncoder().encode('GIF89a'), 'pdfa.image_unreadable', 'weder PNG noch JPEG'],
    ];
    for (const [image, code, text] of cases) {
      const error = await imagesToPdfA(
        [
          { image: jpeg, dpi: 50 },
          { image, dpi: 300 },
        ],
        letterMeta,
      ).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe(code);
      expect(isAppError(error) && error.germanText).toContain('Seite 2');
      expect(isAppError(error) && error.germanText).toContain(text);
    }
  });
});

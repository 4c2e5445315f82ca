import { createCanvas } from '@napi-rs/canvas';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AppError } from '../../contract/app-error';
import { fromRgba, type PageImage } from '../raster';
import { SEARCHABLE_MIN_CHARACTERS, type IntakeDocument, type PageText } from './document';
import { assertPageCount, assertPixels, type IntakeLimits } from './limits';
import { runsToText, runsToWords, type TextRun } from './pdf-text';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));

type PdfJs = typeof PdfJsModule;
let pdfjsLoaded: Promise<PdfJs> | null = null;

/** pdf.js's legacy build runs in Node; its worker script is the package's own file (no network). */
function pdfjs(): Promise<PdfJs> {
  return (pdfjsLoaded ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = pathToFileURL(join(pdfjsRoot, 'legacy/build/pdf.worker.mjs')).href;
    return lib;
  }));
}

const broken = (detail: string, cause?: unknown, page?: number) =>
  new AppError('intake.pdf_broken', page ? { page } : {}, `PDF unreadable: ${detail}`, { cause });

async function load(bytes: Uint8Array, limits: IntakeLimits): Promise<PDFDocumentProxy> {
  const lib = await pdfjs();
  const task = lib.getDocument({
    // pdf.js may transfer (detach) the buffer it gets and refuses Node Buffers: a plain copy it is.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
    cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
    cMapPacked: true,
    // An image inside a page larger than the pixel cap is not decoded (no out-of-memory).
    maxImageSize: limits.maxPixels,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new AppError('intake.pdf_encrypted', { kind: 'password' }, 'PDF needs a password to open', { cause: e });
    }
    throw broken(name ?? 'load failed', e);
  }
}

/** Opens a PDF: refuses encryption (PDF/A forbids it) and more pages than the cap. */
export async function openPdf(bytes: Uint8Array, limits: IntakeLimits): Promise<IntakeDocument> {
  const pdf = await load(bytes, limits);
  try {
    const { info } = await pdf.getMetadata();
    if ((info as { EncryptFilterName?: string | null }).EncryptFilterName) {
      throw new AppError('intake.pdf_encrypted', { kind: 'restrictions' }, 'PDF is encrypted (owner password only)');
    }
    assertPageCount(pdf.numPages, limits);
  } catch (e) {
    await pdf.destroy();
    throw e;
  }

  const page = async (index: number): Promise<PDFPageProxy> => {
    if (!(index >= 0 && index < pdf.numPages)) throw new RangeError(`page ${index} of ${pdf.numPages}`);
    try {
      return await pdf.getPage(index + 1);
    } catch (e) {
      throw broken('page tree', e, index + 1);
    }
  };

  return {
    format: 'pdf',
    pageCount: pdf.numPages,
    async pageSize(index) {
      const vp = (await page(index)).getViewport({ scale: 1 });
      return { width: vp.width, height: vp.height };
    },
    async readText(index): Promise<PageText> {
      const p = await page(index);
      const vp = p.getViewport({ scale: 1 });
      let items: TextItem[];
      try {
        items = (await p.getTextContent()).items.filter((i): i is TextItem => 'str' in i);
      } catch (e) {
        throw broken('text content', e, index + 1);
      }
      const runs: TextRun[] = items.map((item) => {
        const [a, b, , , e, f] = item.transform as number[];
        // Map the baseline start and a point along the run into the displayed page (y down), then flip y.
        const [x0, y0] = vp.convertToViewportPoint(e!, f!);
        const [x1, y1] = vp.convertToViewportPoint(e! + a!, f! + b!);
        return {
          str: item.str,
          x: x0!,
          y: vp.height - y0!,
          width: item.width,
          size: Math.hypot(a!, b!),
          angle: Math.atan2(-(y1! - y0!), x1! - x0!),
        };
      });
      const text = runsToText(items);
      return { text, words: runsToWords(runs), characters: text.replace(/\s/g, '').length };
    },
    async rasterize(index, dpi = 300): Promise<PageImage> {
      const p = await page(index);
      const vp = p.getViewport({ scale: dpi / 72 });
      const width = Math.ceil(vp.width);
      const height = Math.ceil(vp.height);
      assertPixels(width, height, index + 1, limits);
      const canvas = createCanvas(width, height);
      const context = canvas.getContext('2d');
      try {
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, width, height);
        await p.render({
          canvas: canvas as unknown as HTMLCanvasElement,
          canvasContext: context as unknown as CanvasRenderingContext2D,
          viewport: vp,
        }).promise;
        const rgba = context.getImageData(0, 0, width, height).data;
        return { raster: fromRgba(rgba, width, height), dpi: { x: dpi, y: dpi } };
      } catch (e) {
        throw broken('render', e, index + 1);
      } finally {
        p.cleanup();
      }
    },
    close: () => pdf.destroy(),
  };
}

/** True when the page's existing text is enough to skip OCR. */
export const isSearchable = (t: PageText | null): boolean => (t?.characters ?? 0) >= SEARCHABLE_MIN_CHARACTERS;

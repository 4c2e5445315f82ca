import { PDFDocument } from 'pdf-lib';
import {
  addImagePage,
  checkResult,
  finalizePdfA,
  preflightPdfA,
  type PdfAMetadata,
} from '../../archive/pdfa';
import type { Logger } from '../../core/platform/logger';
import { createTesseractEngine, createTesseractOrientation, placeWords } from '../engines';
import { detectFormat, isSearchable, openDocument } from '../formats';
import { preparePage } from '../prepare';
import { encodePng, toGray } from '../raster';
import { createZxingReader, trennblattOf } from '../separators';
import type { OcrSettings } from './settings';
import { drawReceivedStamp } from './stamp';
import type { IntakeTools, PdfMeta, Stamp } from './tools';

async function finalize(doc: PDFDocument, meta: PdfMeta, stamp: Stamp | null): Promise<Uint8Array> {
  const first = doc.getPage(0);
  if (stamp) await drawReceivedStamp(first, stamp.text);
  const { keywords, ...rest } = meta;
  const pdfaMeta: PdfAMetadata = { ...rest, ...(keywords ? { keywords } : {}) };
  return finalizePdfA(doc, pdfaMeta);
}

/** The real building blocks: formats, prepare (with Tesseract OSD), ZXing separators, Tesseract, PDF/A. */
export async function createRealTools(settings: OcrSettings, logger: Logger): Promise<IntakeTools> {
  const engine = createTesseractEngine({
    languages: settings.languages,
    workers: settings.pageConcurrency,
    logger,
  });
  const orientation = createTesseractOrientation();
  const barcodes = createZxingReader();
  return {
    detectFormat: (bytes, fileName) => detectFormat(bytes, fileName),
    async openDocument(bytes, fileName, limits) {
      const opened = await openDocument(bytes, { name: fileName, limits });
      return { format: opened.detected.format, document: opened.document };
    },
    activeContent(pdf) {
      let report;
      try {
        report = preflightPdfA(pdf);
      } catch {
        return null; // unreadable for the preflight: opening the PDF reports what is wrong
      }
      if (checkResult(report, 'actions.javascript').status === 'error') return 'intake.pdf_javascript';
      if (checkResult(report, 'files.embedded').status === 'error') return 'intake.pdf_embedded_files';
      return null;
    },
    isSearchable,
    encodePng: (image) => encodePng(image.raster),
    async decodePng(bytes) {
      const { document } = await openDocument(bytes, { name: 'page.png' });
      try {
        return (await document.rasterize(0)).raster;
      } finally {
        await document.close();
      }
    },
    async findSeparator(page, signal) {
      signal.throwIfAborted();
      return trennblattOf(await barcodes.read(toGray(page.raster), Math.round(page.dpi.x)));
    },
    preparePage: (page, signal) => preparePage(page, orientation, { binarize: settings.binarize }, signal),
    async recognize(image, placement, options) {
      const raw = await engine.recognize(image as Parameters<typeof engine.recognize>[0], options);
      const words = placeWords(raw, placement).map((w) => ({ text: w.text, x: w.x, y: w.y, w: w.w, h: w.h }));
      return { text: raw.text, words, confidence: raw.confidence };
    },
    async imagesToPdfA(pages, meta, stamp) {
      const doc = await PDFDocument.create({ updateMetadata: false });
      for (const [i, p] of pages.entries())
        await addImagePage(doc, { image: p.png, dpi: p.dpi, words: p.words, skewCorrection: p.skewCorrection }, i + 1);
      return finalize(doc, meta, stamp);
    },
    async keepPdfPages(pdf, pages, meta, stamp) {
      const source = await PDFDocument.load(pdf, { updateMetadata: false });
      const doc = await PDFDocument.create({ updateMetadata: false });
      for (const page of await doc.copyPages(source, [...pages])) doc.addPage(page);
      return finalize(doc, meta, stamp);
    },
    async close() {
      await engine.close();
      await orientation.close();
    },
  };
}

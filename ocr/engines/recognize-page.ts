import type { PreparedPage } from '../prepare';
import { pageSizePoints } from '../raster';
import type { OcrEngine, OcrWord, RecognizeOptions } from './ocr-engine';
import { placeWords } from './place-words';

/** The recognize stage's result for one page: ready for the invisible text layer and for search. */
export interface PageOcrResult {
  readonly text: string;
  readonly confidence: number;
  readonly words: readonly OcrWord[];
  /** hOCR as Tesseract wrote it; its coordinates are those of the (deskewed) OCR copy. */
  readonly hocr: string;
  /** Kept page size in PDF points: the page the words are placed on. */
  readonly pageSize: { readonly width: number; readonly height: number };
}

/** Recognises a prepared page; blank pages have nothing to read and yield null. */
export async function recognizePage(
  engine: OcrEngine,
  page: PreparedPage,
  options: RecognizeOptions = {},
): Promise<PageOcrResult | null> {
  if (!page.ocr) return null;
  const raw = await engine.recognize(page.ocr, options);
  const { width, height } = page.kept.raster;
  return {
    text: raw.text,
    confidence: raw.confidence,
    words: placeWords(raw, { width, height, dpi: page.kept.dpi, skewCorrection: page.skewCorrection }),
    hocr: raw.hocr,
    pageSize: pageSizePoints(page.kept),
  };
}

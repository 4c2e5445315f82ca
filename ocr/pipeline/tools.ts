import type { ErrorCode } from '../../contract/errors';
import type { DetectedFormat, IntakeDocument, PageText } from '../formats';
import type { PreparedPage } from '../prepare';
import type { PageImage, Raster, WordBox } from '../raster';
import type { Placement } from '../engines';
import type { Trennblatt } from '../separators';

/** What assemble asks of the PDF/A writer, besides the pages. */
export interface PdfMeta {
  readonly title: string;
  readonly author?: string;
  readonly subject?: string;
  readonly keywords?: readonly string[];
  readonly createdAt: Date;
  /** The document's UUID, kept in the PDF (xmpMM:DocumentID). */
  readonly documentId?: string;
}

export interface PdfPage {
  /** PNG as stored in the work folder; embedded as it is. */
  readonly png: Uint8Array;
  readonly dpi: { readonly x: number; readonly y: number };
  readonly words: readonly WordBox[];
  /** The deskew applied before recognition (degrees; none when absent), so the text layer lies on level lines. */
  readonly skewCorrection?: number;
}

/** A visible Eingangsstempel on page 1. */
export interface Stamp {
  readonly text: string;
  readonly receivedAt: string;
}

/**
 * The building blocks the intake stages use, behind one small interface: the real ones are bound in
 * ./real-tools, tests may replace single entries (a failing OCR engine, a slow page) as OCRmyPDF's
 * test plugins do.
 */
export interface IntakeTools {
  detectFormat(bytes: Uint8Array, fileName: string): Promise<DetectedFormat>;
  openDocument(
    bytes: Uint8Array,
    fileName: string,
    limits: { maxPages: number; maxPixels: number },
  ): Promise<{ format: DetectedFormat['format']; document: IntakeDocument }>;
  /** The error code a PDF must be refused with for JavaScript or embedded files, or null. */
  activeContent(
    pdf: Uint8Array,
  ): Extract<ErrorCode, 'intake.pdf_javascript' | 'intake.pdf_embedded_files'> | null;
  isSearchable(text: PageText | null): boolean;
  encodePng(image: PageImage): Promise<Uint8Array>;
  decodePng(bytes: Uint8Array): Promise<Raster>;
  /** The page's separator meaning (QR `EAKTE:…`, patch code T), or null for an ordinary page. */
  findSeparator(page: PageImage, signal: AbortSignal): Promise<Trennblatt | null>;
  preparePage(page: PageImage, signal: AbortSignal): Promise<PreparedPage>;
  /** OCR of the prepared grey copy; words are placed on the kept page in PDF points. */
  recognize(
    image: PageImage,
    placement: Placement,
    options: { signal: AbortSignal; page: number },
  ): Promise<{ text: string; words: WordBox[]; confidence: number }>;
  /** Both writers prove PDF/A-2b (preflight) and throw pdfa.not_conforming otherwise. */
  imagesToPdfA(pages: readonly PdfPage[], meta: PdfMeta, stamp: Stamp | null): Promise<Uint8Array>;
  /** The given pages (0-based) of a PDF that already has text, as PDF/A-2b. */
  keepPdfPages(
    pdf: Uint8Array,
    pages: readonly number[],
    meta: PdfMeta,
    stamp: Stamp | null,
  ): Promise<Uint8Array>;
  close(): Promise<void>;
}

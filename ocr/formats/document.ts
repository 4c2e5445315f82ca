import type { PageImage, WordBox } from '../raster';
import type { DocumentFormat } from './detect-format';

/** Text a PDF page already carries (printer OCR or born-digital), with word boxes in PDF points. */
export interface PageText {
  readonly text: string;
  readonly words: readonly WordBox[];
  /** Non-whitespace characters: the measure for "this page is already searchable". */
  readonly characters: number;
}

/** An opened intake file: pages can be read one at a time, so a 300-page batch never sits in memory. */
export interface IntakeDocument {
  readonly format: DocumentFormat;
  readonly pageCount: number;
  /** Page size in PDF points as the page is displayed (PDF /Rotate applied). */
  pageSize(index: number): Promise<{ width: number; height: number }>;
  /** The existing text layer of a PDF page; null for image formats. */
  readText(index: number): Promise<PageText | null>;
  /** Decodes (images) or renders (PDF, at `dpi`, default 300) one page; checks the pixel cap first. */
  rasterize(index: number, dpi?: number): Promise<PageImage>;
  close(): Promise<void>;
}

/** Below this many characters a page counts as having no usable text layer (a stray page number). */
export const SEARCHABLE_MIN_CHARACTERS = 20;

import type { Trennblatt } from './trennblatt';

export interface BatchPage {
  /** 0-based page index in the scanned file. */
  readonly index: number;
  readonly trennblatt: Trennblatt | null;
  readonly blank: boolean;
}

export interface SplitDocument {
  /** Page indexes of the document, in scan order; separators and blank pages are left out. */
  readonly pages: readonly number[];
  /** From a `EAKTE:AZ=` separator in front of the document. */
  readonly aktenzeichen: string | null;
  /** The separator in front carried an unreadable EAKTE: code: a clerk should check the assignment. */
  readonly needsReview: boolean;
}

export interface SplitResult {
  readonly documents: readonly SplitDocument[];
  readonly separatorPages: readonly number[];
  readonly blankPages: readonly number[];
}

/**
 * Splits a scan batch at its Trennblätter. Pages before the first separator form a document of their
 * own; two separators in a row (or a separator at the end) make no empty document.
 */
export function splitBatch(pages: readonly BatchPage[]): SplitResult {
  const documents: SplitDocument[] = [];
  const separatorPages: number[] = [];
  const blankPages: number[] = [];
  let current: { pages: number[]; aktenzeichen: string | null; needsReview: boolean } = {
    pages: [],
    aktenzeichen: null,
    needsReview: false,
  };
  const flush = () => {
    if (current.pages.length) documents.push(current);
  };
  for (const page of pages) {
    if (page.trennblatt) {
      separatorPages.push(page.index);
      flush();
      current = {
        pages: [],
        aktenzeichen: page.trennblatt.kind === 'qr' ? page.trennblatt.aktenzeichen : null,
        needsReview: page.trennblatt.kind === 'invalid',
      };
    } else if (page.blank) blankPages.push(page.index);
    else current.pages.push(page.index);
  }
  flush();
  return { documents, separatorPages, blankPages };
}

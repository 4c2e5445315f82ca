import { AppError } from '../../contract/app-error';
import type { QuarterTurn, WordBox } from '../raster';
import type { DocumentPage, DocumentState } from './model';

/** One page of a rearranged document: its 1-based page number in the source, and a turn to add. */
export interface PageChoice {
  readonly page: number;
  readonly rotate: QuarterTurn;
}

/**
 * Turns word boxes (PDF points, origin bottom left) with their page, clockwise as rotateQuarter turns
 * images: a point (x, y) on a W × H page goes to (y, W − x) for 90°, (W − x, H − y) for 180° and
 * (H − y, x) for 270°.
 */
export function rotateWords(
  words: readonly WordBox[],
  width: number,
  height: number,
  turn: QuarterTurn,
): WordBox[] {
  return words.map((w) => {
    if (turn === 90) return { text: w.text, x: w.y, y: width - w.x - w.w, w: w.h, h: w.w };
    if (turn === 180) return { text: w.text, x: width - w.x - w.w, y: height - w.y - w.h, w: w.w, h: w.h };
    if (turn === 270) return { text: w.text, x: height - w.y - w.h, y: w.x, w: w.h, h: w.w };
    return w;
  });
}

/** Checks a rearrangement: only this document's pages, each at most once, no empty document. */
export function checkArrangement(state: DocumentState, documents: readonly (readonly PageChoice[])[]): void {
  const own = new Set(state.pages.map((p) => p.index + 1));
  const used = new Set<number>();
  const invalid = (detail: string) =>
    new AppError('intake.arrangement_invalid', { detail }, `bad arrangement: ${detail}`);
  if (documents.length === 0) throw invalid('kein Dokument');
  for (const doc of documents) {
    if (doc.length === 0) throw invalid('ein Dokument ohne Seiten');
    for (const c of doc) {
      if (!own.has(c.page)) throw invalid(`Seite ${c.page} gehört nicht zu diesem Dokument`);
      if (used.has(c.page)) throw invalid(`Seite ${c.page} ist mehrfach zugeordnet`);
      used.add(c.page);
    }
  }
}

/** The page with an extra clockwise turn: new kept image reference, swapped size, turned words. */
export function turnedPage(
  page: DocumentPage,
  turn: QuarterTurn,
  image: DocumentPage['image'],
): DocumentPage {
  const kept = page.kept;
  if (!kept || turn === 0) return page;
  const swap = turn !== 180;
  const widthPt = (kept.widthPx * 72) / kept.dpi.x;
  const heightPt = (kept.heightPx * 72) / kept.dpi.y;
  const turnWords = (words: readonly WordBox[]) => rotateWords(words, widthPt, heightPt, turn);
  return {
    ...page,
    size: swap ? { width: page.size.height, height: page.size.width } : page.size,
    kept: {
      ...kept,
      image,
      dpi: swap ? { x: kept.dpi.y, y: kept.dpi.x } : kept.dpi,
      widthPx: swap ? kept.heightPx : kept.widthPx,
      heightPx: swap ? kept.widthPx : kept.heightPx,
      rotation: (kept.rotation + turn) % 360,
    },
    ...(page.ocr ? { ocr: { ...page.ocr, words: turnWords(page.ocr.words) } } : {}),
    ...(page.text ? { text: { ...page.text, words: turnWords(page.text.words) } } : {}),
  };
}

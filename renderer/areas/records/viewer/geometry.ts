import type { PageBox, PageHits } from '../../../../contract/methods/viewer';
import { prefixMatcher, wordSpans } from '../../../../contract/text-match';

/** A rectangle in CSS pixels on the rendered page, origin top left. */
export interface CssRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** PDF points (origin bottom left) to CSS pixels on a page drawn at `scale` (1 = 1 px per point). */
export const boxToCss = (box: PageBox, pageHeight: number, scale: number): CssRect => ({
  left: box.x * scale,
  top: (pageHeight - box.y - box.h) * scale,
  width: box.w * scale,
  height: box.h * scale,
});

/** The part of pdf.js's TextItem the highlight needs (page units; transform = [a b c d e f]). */
export interface TextRun {
  str: string;
  transform: readonly number[];
  width: number;
  height: number;
}

/**
 * Boxes of the words of a born-digital page's text that match the query. pdf.js gives positions per
 * run of text, not per glyph, so a word's box is its share of the run by characters: close enough to
 * mark a word, and upright text is what letters have.
 */
export function textRunHits(runs: readonly TextRun[], query: string): PageBox[] {
  const matches = prefixMatcher(query);
  const boxes: PageBox[] = [];
  for (const run of runs) {
    if (!run.str || run.width <= 0) continue;
    const [, , , d = 0, e = 0, f = 0] = run.transform;
    const height = run.height || Math.abs(d);
    const perChar = run.width / run.str.length;
    for (const s of wordSpans(run.str)) {
      if (!matches(s.word)) continue;
      // Below the baseline for descenders, above it to the ascender.
      boxes.push({ x: e + s.start * perChar, y: f - height * 0.25, w: (s.end - s.start) * perChar, h: height * 1.2 });
    }
  }
  return boxes;
}

/** The page to open first: the first page with a hit, else the first page. */
export const firstHitPage = (hits: readonly PageHits[]): number =>
  hits.length === 0 ? 1 : Math.min(...hits.map((h) => h.page));

/** The next page with hits after `page`, wrapping around; null without hits. */
export function nextHitPage(hits: readonly PageHits[], page: number): number | null {
  const pages = [...new Set(hits.map((h) => h.page))].sort((a, b) => a - b);
  if (pages.length === 0) return null;
  return pages.find((p) => p > page) ?? pages[0]!;
}

export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

/** The next zoom step up or down from the current zoom (which may lie between steps). */
export function stepZoom(zoom: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((z) => z > zoom + 1e-9) ?? ZOOM_STEPS.at(-1)!;
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom - 1e-9) ?? ZOOM_STEPS[0];
}

import type { WordBox } from '../raster';

/** A run of text as pdf.js reports it, already mapped to displayed-page coordinates (points, y up). */
export interface TextRun {
  readonly str: string;
  /** Baseline start. */
  readonly x: number;
  readonly y: number;
  /** Advance width of the whole run and font size, in points. */
  readonly width: number;
  readonly size: number;
  /** Run direction in radians (0 = left to right). */
  readonly angle: number;
}

// Share of the font size below the baseline (descenders) and the box height per point of size.
const DESCENT = 0.22;
const BOX = 1.2;

/**
 * Splits runs into words, spreading the run's width over its characters: pdf.js gives no per-glyph
 * positions, and for search-hit highlighting a proportional estimate is close enough.
 */
export function runsToWords(runs: readonly TextRun[]): WordBox[] {
  const words: WordBox[] = [];
  for (const run of runs) {
    const chars = [...run.str];
    if (chars.length === 0 || run.width <= 0 || run.size <= 0) continue;
    const perChar = run.width / chars.length;
    const cos = Math.cos(run.angle);
    const sin = Math.sin(run.angle);
    for (const m of run.str.matchAll(/\S+/g)) {
      const start = [...run.str.slice(0, m.index)].length;
      const len = [...m[0]].length;
      const along0 = start * perChar;
      const along1 = (start + len) * perChar;
      // Corners of the word's box in page space; the WordBox is their axis-aligned hull.
      const corners = [
        [along0, -DESCENT * run.size],
        [along1, -DESCENT * run.size],
        [along0, (BOX - DESCENT) * run.size],
        [along1, (BOX - DESCENT) * run.size],
      ].map(([u, v]) => [run.x + u! * cos - v! * sin, run.y + u! * sin + v! * cos] as const);
      const xs = corners.map((c) => c[0]);
      const ys = corners.map((c) => c[1]);
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      words.push({ text: m[0], x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y });
    }
  }
  return words;
}

/** Reading-order text of the runs: pdf.js yields content order, which for letters is reading order. */
export function runsToText(runs: readonly { str: string; hasEOL: boolean }[]): string {
  return runs
    .map((r) => r.str + (r.hasEOL ? '\n' : ''))
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

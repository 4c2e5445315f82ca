import type { WordBox } from './invisible-text';

/**
 * Word boxes on a page image that is slightly skewed (the kept scan is never resampled) moved onto level
 * lines. Text extraction (poppler's pdftotext and every viewer built on it) groups words into lines by
 * their horizontal baseline; boxes that follow a slanted line step up or down from word to word, and it
 * then interleaves neighbouring lines. So each box's centre is turned back by the deskew `correction`
 * (degrees, counter-clockwise positive, the rotation that levelled the OCR copy) about the page centre,
 * and its size becomes that of the upright word inside the box.
 */
export function levelWords(
  words: readonly WordBox[],
  page: { readonly width: number; readonly height: number },
  correction: number,
): WordBox[] {
  if (correction === 0) return [...words];
  const a = (correction * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = page.width / 2;
  const cy = page.height / 2;
  // A w × h box turned by a has the bounding box w·cos + h·|sin| by w·|sin| + h·cos; solved for w and h.
  const s = Math.abs(sin);
  const det = cos * cos - s * s;
  return words.map((word) => {
    const dx = word.x + word.w / 2 - cx;
    const dy = word.y + word.h / 2 - cy;
    const mx = cx + dx * cos - dy * sin;
    const my = cy + dx * sin + dy * cos;
    const w = (word.w * cos - word.h * s) / det;
    const h = (word.h * cos - word.w * s) / det;
    // A box clipped at the page edge can be too flat to hold its turned word: keep its own size then.
    const size = w > 0 && h > 0 ? { w, h } : { w: word.w, h: word.h };
    return { text: word.text, x: mx - size.w / 2, y: my - size.h / 2, ...size };
  });
}

/** The vertical extent a word is drawn in: that of its whole line. */
export interface LineBand {
  readonly bottom: number;
  readonly top: number;
}

/**
 * Puts words that follow each other on one line (in reading order, as OCR engines give them: moving
 * right, vertical centre inside the line so far) into one band. Drawn in one size on one baseline, a
 * line stays one line for text extraction; sized per word, a word with descenders ("gegen") sat lower
 * and larger than one without ("uns"), and pdftotext split the line there.
 */
export function lineBands(words: readonly WordBox[]): LineBand[] {
  const bands: LineBand[] = [];
  let start = 0;
  const close = (end: number) => {
    const line = words.slice(start, end);
    const band = { bottom: Math.min(...line.map((w) => w.y)), top: Math.max(...line.map((w) => w.y + w.h)) };
    for (let i = start; i < end; i++) bands.push(band);
    start = end;
  };
  let band: LineBand | null = null;
  for (const [i, word] of words.entries()) {
    const middle = word.y + word.h / 2;
    const previous = words[i - 1];
    if (band && previous && word.x > previous.x && middle >= band.bottom && middle <= band.top) {
      band = { bottom: Math.min(band.bottom, word.y), top: Math.max(band.top, word.y + word.h) };
      continue;
    }
    if (band) close(i);
    band = { bottom: word.y, top: word.y + word.h };
  }
  if (words.length > 0) close(words.length);
  return bands;
}

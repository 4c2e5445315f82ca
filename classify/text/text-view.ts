/**
 * The text the extractor reads: OCR line-end hyphenation joined ("Vollstre-\nckung" → "Vollstreckung")
 * and cut at a size limit, with a map back to offsets in the original text.
 */
export interface TextView {
  readonly text: string;
  /** original offset of every view position, plus one entry for the end */
  readonly origin: Int32Array;
  /** true when the original was longer than the limit */
  readonly truncated: boolean;
}

export function createTextView(original: string, maxChars: number): TextView {
  const limit = Math.min(original.length, maxChars);
  const origin = new Int32Array(limit + 1);
  let text = '';
  let n = 0;
  for (let i = 0; i < limit; i++) {
    const ch = original[i]!;
    if (ch === '-' && original[i + 1] === '\n' && i > 0 && /\p{L}/u.test(original[i - 1]!) &&
      /\p{Ll}/u.test(original[i + 2] ?? '')) {
      i++; // skip "-\n": a word broken at the line end
      continue;
    }
    text += ch;
    origin[n++] = i;
  }
  origin[n] = limit;
  return { text, origin: origin.subarray(0, n + 1), truncated: original.length > maxChars };
}

/** Original [start, end) for a view range. */
export const toOriginal = (view: TextView, start: number, end: number): [number, number] => [
  view.origin[start]!,
  end > start ? view.origin[end - 1]! + 1 : view.origin[start]!,
];

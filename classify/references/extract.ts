import { letterFold } from '../text/ocr-chars';
import { createTextView, toOriginal } from '../text/text-view';
import { findAmounts } from './amounts';
import { compileAktenzeichenPattern, defaultAktenzeichenPattern, type AktenzeichenMatcher } from './aktenzeichen-pattern';
import { findDates } from './dates';
import { overlaps, type Found } from './found';
import { findCourtAktenzeichen, findIbans, findTwelveDigitReferences, findVollstreckungsnummern } from './identifiers';
import { findDeadlines, findDocumentDate, findSender } from './letter-fields';
import { findFieldPersons, findInlinePersons } from './persons';
import type { Reference } from './types';

export interface ExtractOptions {
  /** The city's Aktenzeichen template, default `{plan}-{seq:4}/{year}`. */
  readonly aktenzeichenPattern?: string;
  /** Resolves relative deadlines when the text itself states no document date (e.g. the Eingangsdatum). */
  readonly fallbackDocumentDate?: string;
  /** Only the first this many characters are read (a 500-page scan is cut, not streamed whole). */
  readonly maxChars?: number;
  readonly kassenzeichenCheck?: 'luhn' | 'none';
}

export const defaultMaxChars = 200_000;

const matchers = new Map<string, AktenzeichenMatcher>();
const matcherFor = (pattern: string): AktenzeichenMatcher => {
  let m = matchers.get(pattern);
  if (!m) matchers.set(pattern, (m = compileAktenzeichenPattern(pattern)));
  return m;
};

/** Keeps the surer of two overlapping findings of the same family (ties: the longer one). */
function withoutOverlaps(found: Found[]): Found[] {
  const sorted = found.slice().sort((a, b) => b.confidence - a.confidence || (b.end - b.start) - (a.end - a.start));
  const kept: Found[] = [];
  for (const f of sorted) if (!kept.some((k) => overlaps(k, f))) kept.push(f);
  return kept;
}

/**
 * All references in an OCR text, each with its position in `text`. Pure and total: any string in,
 * possibly an empty list out; never throws for odd input (only for an invalid Aktenzeichen pattern).
 */
export function extractReferences(text: string, options: ExtractOptions = {}): Reference[] {
  const view = createTextView(text, options.maxChars ?? defaultMaxChars);
  const t = view.text;
  const folded = letterFold(t);
  const identifiers = withoutOverlaps([
    ...findIbans(t),
    ...findTwelveDigitReferences(t, folded, options.kassenzeichenCheck ?? 'luhn'),
    ...findVollstreckungsnummern(t, folded),
    ...findCourtAktenzeichen(t, folded),
    ...matcherFor(options.aktenzeichenPattern ?? defaultAktenzeichenPattern).find(t),
  ]);
  const amounts = findAmounts(t).filter((a) => !identifiers.some((i) => overlaps(i, a)));
  const dates = findDates(t).filter((d) => ![...identifiers, ...amounts].some((o) => overlaps(o, d)));
  const documentDate = findDocumentDate(folded, dates);
  const persons = withoutOverlaps([...findFieldPersons(t, dates), ...findInlinePersons(t, folded, dates)]);
  const deadlines = findDeadlines(folded, dates, documentDate?.value ?? options.fallbackDocumentDate ?? null);
  const sender = findSender(t);
  const all = [...identifiers, ...amounts, ...dates, ...persons, ...deadlines,
    ...(documentDate ? [documentDate] : []), ...(sender ? [sender] : [])];
  return all
    .map((f) => {
      const [start, end] = toOriginal(view, f.start, f.end);
      return { type: f.type, value: f.value, raw: text.slice(start, end), start, end, confidence: +f.confidence.toFixed(3) };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

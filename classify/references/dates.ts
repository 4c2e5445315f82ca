import { DIGIT, digitRepairs, digitsOf, editDistance } from '../text/ocr-chars';
import { damped, type Found } from './found';

const monthNames = ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober',
  'november', 'dezember'];

/** Month number for a German month name read with OCR damage (Marz, Dezcmber), or 0. */
export function monthOf(word: string): number {
  const w = word.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l').replace(/5/g, 's').replace(/8/g, 'b');
  let best = 0;
  let bestDistance = Infinity;
  monthNames.forEach((name, i) => {
    const d = editDistance(w, name);
    if (d < bestDistance) [best, bestDistance] = [i + 1, d];
  });
  const allowed = w.length <= 4 ? 0 : 1;
  return bestDistance <= allowed ? best : 0;
}

export function isoFromParts(day: number, month: number, year: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2100) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return d.toISOString().slice(0, 10);
}

const D = DIGIT;
const numeric = new RegExp(
  `(?<![0-9]|[0-9][.,])(${D}{1,2})\\s?[.,]\\s?(${D}{1,2})\\s?[.,]\\s?([12Il|]${D}{3})(?![0-9])`, 'gu');
const long = new RegExp(`(?<![0-9]|[0-9][.,])(${D}{1,2})\\s?[.,]\\s?([\\p{L}58][\\p{L}0-9]{2,9})\\s?([12Il|]${D}{3})(?![0-9])`, 'gu');

/** Dates in German spelling: 12.03.2025, 2.3.2025, 12. März 2025. Four-digit years only. */
export function findDates(text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(numeric)) {
    const [raw, d, mo, y] = m as unknown as [string, string, string, string];
    if (/[\n]/.test(raw)) continue;
    const iso = isoFromParts(Number(digitsOf(d)), Number(digitsOf(mo)), Number(digitsOf(y)));
    if (!iso || !/\d/.test(d)) continue;
    out.push({ type: 'date', value: iso, start: m.index, end: m.index + raw.length, confidence: damped(0.97, digitRepairs(raw)) });
  }
  for (const m of text.matchAll(long)) {
    const [raw, d, monthWord, y] = m as unknown as [string, string, string, string];
    const month = monthOf(monthWord);
    const iso = month ? isoFromParts(Number(digitsOf(d)), month, Number(digitsOf(y))) : null;
    if (!iso) continue;
    out.push({ type: 'date', value: iso, start: m.index, end: m.index + raw.length, confidence: damped(0.96, digitRepairs(d + y)) });
  }
  return out.sort((a, b) => a.start - b.start);
}

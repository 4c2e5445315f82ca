import { isFuzzyLabel, letterFold, repairNameToken } from '../text/ocr-chars';
import type { Found } from './found';

// Fields that come from a letter's layout rather than a number format: the document date (date line),
// the sender (first line of the letterhead) and deadlines.

const placeLine = /^[\p{L}][\p{L} .,()-]{1,40}[,.] ?(?:d[ceo]r?[nr]i?[,.]? ?)?$/u;
const isDateLine = (prefix: string): boolean => {
  const label = /^([\p{L}.,]{4,8}) ?:$/u.exec(prefix);
  if (label && isFuzzyLabel(label[1]!.replace(/[^\p{L}]/gu, ''), ['datum'])) return true;
  return placeLine.test(prefix) && !/geb|datum|:/.test(prefix);
};
const clean = (s: string): string => s.replace(/[`'~]/g, '').replace(/\s+/g, ' ').replace(/^[ .,]+/, '').trim();

/** The date in the letter's date line ("Duisburg, den 12.03.2025", "Datum: 12.03.2025"); the first one wins. */
export function findDocumentDate(folded: string, dates: readonly Found[]): Found | null {
  for (const d of dates) {
    const lineStart = folded.lastIndexOf('\n', d.start - 1) + 1;
    let prefix = clean(folded.slice(lineStart, d.start));
    // OCR may break the date line ("Musterstadt,\nden 02.07.2025"): then the line before belongs to it.
    if (!isDateLine(prefix) && /^(d[ceo]r?[nr]i?)?$/.test(prefix) && lineStart > 0) {
      const previousStart = folded.lastIndexOf('\n', lineStart - 2) + 1;
      prefix = clean(`${folded.slice(previousStart, lineStart - 1)} ${prefix}`);
    }
    if (isDateLine(prefix)) return { ...d, type: 'documentDate', confidence: Math.min(0.95, d.confidence) };
  }
  return null;
}

const numberWords: Record<string, number> = { einer: 1, eines: 1, einem: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, funf: 5,
  sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10, vierzehn: 14, einundzwanzig: 21, dreißig: 30 };

// No word boundaries: OCR glues these phrases to the words around them ("Sieinnerhalb", "Wochenauf").
const relative = /(?:binnen|innerhalb)\s?(?:von\s?|einer\s?frist\s?von\s?)?(\p{L}+?|\d{1,2})\s?(tagen|tage|tag|wochen|woche|monaten|monats|monat)/gu;
const until = /(?:spätestens\s?bis\s?(?:zum\s?)?|bis\s?(?:spätestens\s?zum\s?|spätestens\s?|zum\s?))$/u;

export function addDaysIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Same day in a later month, or that month's last day (§ 188 Abs. 3 BGB). */
export function addMonthsIso(iso: string, months: number): string {
  const [y, m, day] = iso.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(day, last))).toISOString().slice(0, 10);
}

/**
 * "binnen zwei Wochen", "innerhalb eines Monats", "bis zum 15.04.2025". A relative period is resolved
 * against the document date when there is one (end of the period per § 188 BGB, without moving it off a
 * weekend or holiday), otherwise reported as an ISO duration.
 */
export function findDeadlines(folded: string, dates: readonly Found[], documentDate: string | null): Found[] {
  const out: Found[] = [];
  for (const m of folded.matchAll(relative)) {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : numberWords[m[1]!];
    if (!n) continue;
    const unit = m[2]!.startsWith('tag') ? 'D' : m[2]!.startsWith('woche') ? 'W' : 'M';
    const days = unit === 'D' ? n : unit === 'W' ? 7 * n : 0;
    const value = documentDate === null
      ? (unit === 'M' ? `P${n}M` : `P${days}D`)
      : (unit === 'M' ? addMonthsIso(documentDate, n) : addDaysIso(documentDate, days));
    out.push({ type: 'deadline', value, start: m.index, end: m.index + m[0].length, confidence: documentDate ? 0.85 : 0.75 });
  }
  for (const d of dates) {
    const before = folded.slice(Math.max(0, d.start - 30), d.start);
    const m = until.exec(before);
    if (!m) continue;
    out.push({ type: 'deadline', value: d.value, start: d.start - m[0].length, end: d.end, confidence: Math.min(0.9, d.confidence) });
  }
  return out.sort((a, b) => a.start - b.start);
}

const notSenders = /^(reisepass|passport|personalausweis|kopie|seite|page|meldebescheinigung|an das|an die|betreff)/u;

/** The sender as printed on the letterhead's first line, before any address part. */
export function findSender(text: string): Found | null {
  const lineMatch = /^\s*([^\n]+)/u.exec(text);
  if (!lineMatch) return null;
  const lineStart = lineMatch.index + lineMatch[0].length - lineMatch[1]!.length;
  const line = lineMatch[1]!;
  // Letterheads separate name and address with "·", "|", "," or " - "; OCR turns "," into "." and loses
  // spaces around the dash. A period ends the name unless it closes an abbreviation (Dr., Co.).
  const cut = line.search(/\s*[·|]\s*|,\s*|\s+[-–]|[-–](?:\s+|$)|(?<!\b(?:Dr|Co|Prof|St|Nr|mbH))\.\s+(?=\p{Lu})/u);
  const part = (cut >= 0 ? line.slice(0, cut) : line).trimEnd();
  const letters = (part.match(/\p{L}/gu) ?? []).length;
  if (part.length < 3 || part.length > 90 || letters < 3 || letters < part.length * 0.6) return null;
  if (notSenders.test(letterFold(part))) return null;
  const value = part.split(/\s+/).map((t) => (/\p{L}/u.test(t) ? repairNameToken(t) : t)).join(' ');
  return { type: 'sender', value, start: lineStart, end: lineStart + part.length, confidence: 0.7 };
}

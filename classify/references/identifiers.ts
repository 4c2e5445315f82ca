import { DIGIT, digitRepairs, digitsOf } from '../text/ocr-chars';
import { damped, type Found } from './found';
import { hasLabelBefore, referenceLabels } from './labels';

// Identifiers: IBAN, Kassenzeichen, AZR-Nummer, Vollstreckungsnummer, court Aktenzeichen. Each pattern
// accepts digits as OCR reads them (O for 0, l for 1 …) and missing spaces; a checksum or a label decides
// where the format alone is ambiguous.

const D = DIGIT;
const notBefore = '(?<![0-9])';
const notAfter = '(?![0-9])';

export function ibanChecksumValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const numeric = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of numeric) rest = (rest * 10 + Number(ch)) % 97;
  return rest === 1;
}

const ibanPattern = new RegExp(`${notBefore}D[E3]\\s?(${D}{2}(?:\\s?${D}){18})${notAfter}`, 'gu');

export function findIbans(text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(ibanPattern)) {
    const digits = digitsOf(m[1]!);
    const iban = `DE${digits}`;
    if (digits.length !== 20 || !ibanChecksumValid(iban)) continue;
    out.push({ type: 'iban', value: iban, start: m.index, end: m.index + m[0].length,
      confidence: damped(0.99, digitRepairs(m[0].slice(2))) });
  }
  return out;
}

/** Luhn check over all digits, the check digit last. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const twelveDigits = new RegExp(`${notBefore}${D}(?:[.,\\s]?${D}){11}${notAfter}`, 'gu');

/** Kassenzeichen and AZR-Nummer are both twelve digits; the label in front tells them apart. */
export function findTwelveDigitReferences(text: string, folded: string, kassenzeichenCheck: 'luhn' | 'none'): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(twelveDigits)) {
    const raw = m[0];
    if (/\n/.test(raw)) continue;
    const digits = digitsOf(raw);
    const repairs = digitRepairs(raw);
    if (digits.length !== 12 || repairs > 4) continue;
    const span = { start: m.index, end: m.index + raw.length };
    if (hasLabelBefore(folded, m.index, referenceLabels.kassenzeichen)) {
      if (kassenzeichenCheck === 'luhn' && !luhnValid(digits)) continue;
      out.push({ type: 'kassenzeichen', value: digits, ...span, confidence: damped(0.98, repairs) });
    } else if (hasLabelBefore(folded, m.index, referenceLabels.azrNummer) && !/[.,]/.test(raw)) {
      out.push({ type: 'azrNummer', value: digits, ...span, confidence: damped(0.97, repairs) });
    }
  }
  return out;
}

const vollstreckungsnummer = new RegExp(
  `${notBefore}V\\s?[-–]?\\s?(20${D}{2})\\s?[-–/]?\\s?(${D}{6})${notAfter}`, 'gu');

export function findVollstreckungsnummern(text: string, folded: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(vollstreckungsnummer)) {
    const year = digitsOf(m[1]!);
    const n = digitsOf(m[2]!);
    if (year.length !== 4 || n.length !== 6) continue;
    const labelled = hasLabelBefore(folded, m.index, referenceLabels.vollstreckungsnummer);
    out.push({ type: 'vollstreckungsnummer', value: `V-${year}-${n}`, start: m.index, end: m.index + m[0].length,
      confidence: damped(labelled ? 0.98 : 0.9, digitRepairs(m[0].slice(1))) });
  }
  return out;
}

/**
 * Registers of German courts that reach a city: Verwaltungsgericht (K, L, A, E, B), civil courts
 * (O, S, T, C, U, W, H, M, F), labour courts (Ca, Ga, Sa, BV), insolvency (IN, IK).
 */
const registers = ['Ca', 'Ga', 'Sa', 'BV', 'IN', 'IK', 'K', 'L', 'A', 'E', 'B', 'O', 'S', 'T', 'C', 'U', 'W', 'H', 'M', 'F'];
const courtPattern = new RegExp(
  `${notBefore}([0-9Il|]{1,3})\\s?(${registers.join('|')}|0)\\s?(${D}{1,5})\\s?/\\s?(${D}{2})${notAfter}`, 'gu');

export function findCourtAktenzeichen(text: string, folded: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(courtPattern)) {
    const [raw, chamberRaw, registerRaw, numberRaw, yearRaw] = m as unknown as [string, string, string, string, string];
    // "3 0 123/25": a zero where the register stands is the letter O; without the spaces it is unreadable.
    if (registerRaw === '0' && !/\s0\s?/.test(raw)) continue;
    const chamber = digitsOf(chamberRaw);
    const number = digitsOf(numberRaw);
    const year = digitsOf(yearRaw);
    if (!/\d/.test(chamberRaw + numberRaw) || chamber.startsWith('0') || number.startsWith('0') || year.length !== 2) continue;
    const register = registerRaw === '0' ? 'O' : registerRaw;
    const labelled = hasLabelBefore(folded, m.index, referenceLabels.courtAktenzeichen);
    out.push({ type: 'courtAktenzeichen', value: `${Number(chamber)} ${register} ${Number(number)}/${year}`,
      start: m.index, end: m.index + raw.length,
      confidence: damped(labelled ? 0.97 : 0.9, digitRepairs(chamberRaw + numberRaw + yearRaw) + (registerRaw === '0' ? 1 : 0)) });
  }
  return out;
}

import { DIGIT, digitRepairs, digitsOf } from '../text/ocr-chars';
import { damped, type Found } from './found';

const D = DIGIT;
const currency = '(?:EUR|€|Eur[o0]|EURO)';
const number = `(${D}{1,3}(?:[.,\\s]${D}{3})+|${D}{1,9})\\s?[.,]\\s?(${D}{2})`;
const amountPattern = new RegExp(
  `(?<![0-9.,])(?:(${currency})\\s?${number}|${number}\\s?(${currency}))(?![0-9])`, 'gu');

/**
 * Euro amounts with a currency word or sign before or after: 1.234,56 EUR, € 95,00, 1234,56 Euro.
 * Letters may follow directly, because OCR loses the space after the amount ("1.234,56 Eurowird").
 */
export function findAmounts(text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(amountPattern)) {
    const euros = m[2] ?? m[4]!;
    const cents = m[3] ?? m[5]!;
    if (/\n/.test(m[0]) || !/\d/.test(euros)) continue;
    const value = `${Number(digitsOf(euros))}.${digitsOf(cents)}`;
    out.push({ type: 'amount', value, start: m.index, end: m.index + m[0].length,
      confidence: damped(0.97, digitRepairs(euros + cents)) });
  }
  return out;
}

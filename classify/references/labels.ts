import { isFuzzyLabel } from '../text/ocr-chars';

/** Label spellings (letter-folded, punctuation removed) that introduce a reference. */
export const referenceLabels = {
  kassenzeichen: ['kassenzeichen', 'kassenz', 'kz', 'kassenzeichennr', 'kassenzeichennummer'],
  azrNummer: ['azrnr', 'azrnummer', 'azr', 'azrzahl'],
  vollstreckungsnummer: ['vollstreckungsnummer', 'vollstrnr', 'vollstreckungsnr', 'vollstrnummer'],
  courtAktenzeichen: ['az', 'aktenzeichen', 'geschäftsnummer', 'geschaftsnummer', 'gerichtlaz', 'geschäftszeichen', 'gz'],
} as const;

/**
 * Whether one of `labels` stands right before `pos` (only punctuation and spaces between), read in
 * the letter-folded text so that OCR damage in the label is tolerated.
 */
export function hasLabelBefore(folded: string, pos: number, labels: readonly string[]): boolean {
  const before = folded.slice(Math.max(0, pos - 48), pos).replace(/[\s:.,;\-–`'~]+$/u, '');
  const tokens = before.split(/[^\p{L}]+/u).filter(Boolean);
  if (tokens.length === 0 || !/\p{L}$/u.test(before)) return false;
  for (let n = 1; n <= Math.min(3, tokens.length); n++) {
    if (isFuzzyLabel(tokens.slice(-n).join(''), labels)) return true;
  }
  return false;
}

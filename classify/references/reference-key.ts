import type { ReferenceType } from './types';

/**
 * The lookup key of a normalised value: identical for two readings of the same reference.
 * Names and senders fold case, diacritics, spaces and punctuation, because OCR and letterheads vary in
 * exactly these; identifiers are already canonical.
 */
export function referenceKey(type: ReferenceType, value: string): string {
  if (type === 'sender') return `sender:${lettersAndDigits(value)}`;
  if (type !== 'person') return `${type}:${value}`;
  const bar = value.lastIndexOf('|');
  return `person:${smallestRotation(lettersAndDigits(value.slice(0, bar)))}|${value.slice(bar + 1)}`;
}

const lettersAndDigits = (s: string): string =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * "Nguyen, Thi Lan" and "Thi Lan Nguyen" differ only in where the letter string starts, also when OCR
 * lost the spaces; the lexicographically smallest rotation is the same for both.
 */
function smallestRotation(s: string): string {
  let best = s;
  for (let i = 1; i < s.length; i++) {
    const r = s.slice(i) + s.slice(0, i);
    if (r < best) best = r;
  }
  return best;
}

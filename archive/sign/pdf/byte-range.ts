import type { Revisions } from './revisions';
import type { SignatureDictionary } from './signature-dictionaries';

export interface SignedRange {
  /** The signed bytes: before and after the /Contents hex string. */
  readonly parts: readonly [Uint8Array, Uint8Array];
  /** Where the signed revision ends. */
  readonly end: number;
  /** The /Contents hex string including its angle brackets: [start, end). */
  readonly gap: readonly [number, number];
}

/**
 * A valid byte range is [0 a b c]: everything from the start to the signature's /Contents string and
 * from its end to the end of one revision, the gap being exactly that hex string. Null otherwise.
 */
export function signedRange(pdf: Uint8Array, sig: SignatureDictionary, revisions: Revisions): SignedRange | null {
  if (!sig.byteRange || !sig.contents) return null;
  const [start, gapStart, gapEnd, tailLength] = sig.byteRange;
  const end = gapEnd + tailLength;
  if (start !== 0 || gapStart <= 0 || gapEnd <= gapStart + 1 || end > pdf.length) return null;
  if (end !== pdf.length && !revisions.ends.has(end)) return null;
  if (pdf[gapStart] !== 0x3c || pdf[gapEnd - 1] !== 0x3e) return null;
  const hex = Buffer.from(pdf.subarray(gapStart + 1, gapEnd - 1)).toString('latin1');
  if (hex.length !== sig.contents.length * 2 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  if (!Buffer.from(hex, 'hex').equals(Buffer.from(sig.contents))) return null;
  return { parts: [pdf.subarray(0, gapStart), pdf.subarray(gapEnd, end)], end, gap: [gapStart, gapEnd] };
}

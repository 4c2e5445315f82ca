import { latin1 } from './xref';

export interface SignatureSlot {
  /** The bytes the signature covers: everything except the /Contents hex string. */
  readonly parts: readonly [Uint8Array, Uint8Array];
  /** Room for the CMS in bytes. */
  readonly capacity: number;
  /** Writes the CMS as hex, zero-padded, into /Contents. */
  write(cms: Uint8Array): void;
}

/**
 * Fixes the byte range of the signature dictionary written at `dictOffset` of a freshly assembled
 * file and returns the slot for its CMS. Works in place on `pdf` (our own new array, never the
 * caller's input), so a large file is not copied again; the digest is taken over views.
 */
export function fillByteRange(pdf: Uint8Array, dictOffset: number): SignatureSlot {
  const window = latin1(pdf, dictOffset, Math.min(pdf.length, dictOffset + 4096));
  const range = /\/ByteRange \[[^\]]*\]/.exec(window);
  const contents = /\/Contents </.exec(window);
  if (!range || !contents || contents.index < range.index) throw new Error('signature dictionary without placeholders');
  const gapStart = dictOffset + contents.index + contents[0].length - 1;
  const gapEnd = pdf.indexOf(0x3e, gapStart) + 1;
  const text = `/ByteRange [0 ${gapStart} ${gapEnd} ${pdf.length - gapEnd}]`;
  if (text.length > range[0].length) throw new Error('byte range placeholder too short');
  pdf.set(new TextEncoder().encode(text.padEnd(range[0].length, ' ')), dictOffset + range.index);
  const capacity = (gapEnd - gapStart - 2) / 2;
  return {
    parts: [pdf.subarray(0, gapStart), pdf.subarray(gapEnd)],
    capacity,
    write(cms) {
      if (cms.length > capacity) throw new Error(`CMS of ${cms.length} bytes does not fit ${capacity}`);
      pdf.set(new TextEncoder().encode(Buffer.from(cms).toString('hex')), gapStart + 1);
    },
  };
}

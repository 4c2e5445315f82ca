import type { PDFRef} from 'pdf-lib';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDocument } from 'pdf-lib';
import { listFormFields } from './form-fields';
import { parsePdfDate } from './pdf-date';

/** A signature dictionary as found in the file, before any check. */
export interface SignatureDictionary {
  readonly ref: PDFRef;
  readonly fieldName: string | null;
  readonly subFilter: string | null;
  /** The four numbers of /ByteRange, or null when it is not an array of four integers. */
  readonly byteRange: readonly [number, number, number, number] | null;
  readonly contents: Uint8Array | null;
  readonly claimedTime: Date | null;
  readonly name: string | null;
  readonly reason: string | null;
  readonly location: string | null;
}

/**
 * Every indirect dictionary with /ByteRange and /Contents, whether or not a form field still points
 * to it, ordered by where its signed range ends (the order of signing).
 */
export function findSignatureDictionaries(doc: PDFDocument, rootRef: PDFRef | null): SignatureDictionary[] {
  const context = doc.context;
  const names = new Map<PDFDict, string>();
  if (rootRef)
    for (const field of listFormFields(context, rootRef)) {
      const v = field.dict.lookup(PDFName.of('V'));
      if (v instanceof PDFDict) names.set(v, field.name);
    }
  const found: SignatureDictionary[] = [];
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || !object.has(PDFName.of('ByteRange')) || !object.has(PDFName.of('Contents'))) continue;
    const contents = object.get(PDFName.of('Contents'));
    found.push({
      ref,
      fieldName: names.get(object) ?? null,
      subFilter: nameOf(object.get(PDFName.of('SubFilter'))),
      byteRange: byteRangeOf(object.get(PDFName.of('ByteRange'))),
      contents: contents instanceof PDFHexString || contents instanceof PDFString ? contents.asBytes() : null,
      claimedTime: textOf(object.get(PDFName.of('M'))) === null ? null : parsePdfDate(textOf(object.get(PDFName.of('M')))!),
      name: textOf(object.get(PDFName.of('Name'))),
      reason: textOf(object.get(PDFName.of('Reason'))),
      location: textOf(object.get(PDFName.of('Location'))),
    });
  }
  const end = (s: SignatureDictionary) => (s.byteRange ? s.byteRange[2] + s.byteRange[3] : Number.MAX_SAFE_INTEGER);
  return found.sort((a, b) => end(a) - end(b));
}

const nameOf = (v: unknown) => (v instanceof PDFName ? v.decodeText() : null);
const textOf = (v: unknown) => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : null);

function byteRangeOf(v: unknown): [number, number, number, number] | null {
  if (!(v instanceof PDFArray) || v.size() !== 4) return null;
  const nums = v.asArray().map((n) => (n instanceof PDFNumber && Number.isInteger(n.asNumber()) ? n.asNumber() : NaN));
  return nums.some((n) => Number.isNaN(n) || n < 0) ? null : (nums as [number, number, number, number]);
}

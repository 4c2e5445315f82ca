import { PDFRef } from 'pdf-lib';
import { AppError } from '../../contract/app-error';
import { addSignatureTimestamp, readSignedData, signatureValueOf } from './cms/cades';
import { OID } from './cms/oids';
import { signedRange } from './pdf/byte-range';
import { assertPdfInput, loadDocument } from './pdf/load-pdf';
import { findRevisions } from './pdf/revisions';
import { findSignatureDictionaries } from './pdf/signature-dictionaries';
import { SUBFILTER_CADES } from './sign-pdf';
import type { TimestampClient } from './timestamp/timestamp-client';

export interface TimestampUpgradeResult {
  /** A new array; the input is never changed. */
  readonly pdf: Uint8Array;
  readonly fieldName: string | null;
  readonly time: Date;
}

/**
 * Adds the signature timestamp that signPdf could not get (B-B → B-T): the token goes into the
 * reserved room of the last signature's /Contents as unsigned attribute. The signed bytes do not
 * change, so the signature stays valid.
 *
 * Only the last signature of a file can be upgraded: rewriting /Contents of an earlier one would break
 * the byte ranges of the signatures after it. (A PDF document timestamp would cover those too, but
 * poppler, our independent check, cannot validate document timestamps, so it is not offered.)
 */
export async function addPendingTimestamp(
  pdf: Uint8Array,
  options: { readonly timestamp: TimestampClient; readonly maxBytes?: number },
): Promise<TimestampUpgradeResult> {
  assertPdfInput(pdf, options.maxBytes);
  const doc = await loadDocument(pdf, true);
  const rootRef = doc.context.trailerInfo.Root instanceof PDFRef ? doc.context.trailerInfo.Root : null;
  const pending = findSignatureDictionaries(doc, rootRef).filter(
    (sig) => sig.subFilter === SUBFILTER_CADES && sig.contents !== null && awaitsTimestamp(sig.contents),
  );
  const sig = pending.at(-1);
  if (!sig) throw new AppError('sign.timestamp_not_pending', {}, 'no CAdES signature without timestamp');
  const range = signedRange(pdf, sig, findRevisions(pdf));
  if (!range) throw new AppError('sign.byte_range_invalid', {}, 'pending signature has an invalid byte range');
  if (range.end !== pdf.length)
    throw new AppError('sign.timestamp_upgrade_blocked', {}, 'pending signature is not the last revision');

  const cms = sig.contents!;
  const outcome = await options.timestamp.stamp(signatureValueOf(cms));
  if (!outcome.ok) throw new AppError(outcome.code, {}, `timestamp upgrade: ${outcome.detail}`);
  const upgraded = addSignatureTimestamp(cms, outcome.token);
  const [gapStart, gapEnd] = range.gap;
  const room = (gapEnd - gapStart - 2) / 2;
  if (upgraded.length > room)
    throw new AppError('sign.timestamp_no_room', {}, `token needs ${upgraded.length} bytes, ${room} reserved`);

  const out = pdf.slice();
  const hex = Buffer.from(upgraded).toString('hex').padEnd(room * 2, '0');
  out.set(Buffer.from(hex, 'latin1'), gapStart + 1);
  return { pdf: out, fieldName: sig.fieldName, time: outcome.time };
}

/** A readable CAdES signature without a signature timestamp; unreadable ones are not ours to upgrade. */
function awaitsTimestamp(cms: Uint8Array): boolean {
  try {
    const signerInfo = readSignedData(cms).signerInfos[0];
    return !!signerInfo && !signerInfo.unsignedAttrs?.attributes.some((a) => a.type === OID.signatureTimeStampToken);
  } catch {
    return false;
  }
}

import { PDFRef } from 'pdf-lib';
import { loadDocument } from '../pdf/load-pdf';
import { findSignatureDictionaries } from '../pdf/signature-dictionaries';

/** The signature dictionaries a PDF carries, in signing order, without checking any of them. */
export async function readSignatureFields(pdf: Uint8Array) {
  const doc = await loadDocument(pdf, false);
  const rootRef = doc.context.trailerInfo.Root instanceof PDFRef ? doc.context.trailerInfo.Root : null;
  return findSignatureDictionaries(doc, rootRef).map((s) => ({
    fieldName: s.fieldName,
    name: s.name,
    reason: s.reason,
    claimedSigningTime: s.claimedTime?.toISOString() ?? null,
  }));
}

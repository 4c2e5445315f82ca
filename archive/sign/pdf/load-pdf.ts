import type { PDFRef} from 'pdf-lib';
import { EncryptedPDFError, PDFArray, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { AppError } from '../../../contract/app-error';
import { latin1, readXrefChain, type XrefChain } from './xref';

/** 200 MiB: signing and verifying hold a few copies of the file in memory. */
export const DEFAULT_MAX_PDF_BYTES = 200 * 1024 * 1024;

export function assertPdfInput(pdf: Uint8Array, maxBytes = DEFAULT_MAX_PDF_BYTES): void {
  if (pdf.length > maxBytes)
    throw new AppError(
      'sign.pdf_too_large',
      { sizeMb: (pdf.length / 1048576).toFixed(1), limitMb: (maxBytes / 1048576).toFixed(1) },
      `PDF of ${pdf.length} bytes exceeds limit ${maxBytes}`,
    );
  if (!latin1(pdf, 0, Math.min(pdf.length, 1024)).includes('%PDF-'))
    throw new AppError('sign.not_a_pdf', {}, 'no %PDF- header in the first 1024 bytes');
}

export interface PdfForUpdate {
  readonly bytes: Uint8Array;
  readonly doc: PDFDocument;
  readonly xref: XrefChain;
  readonly rootRef: PDFRef;
  /** The first element of the trailer /ID, which an update keeps. */
  readonly permanentId: Uint8Array | null;
}

/**
 * Opens a PDF for an incremental update: strict xref, no encryption, every object parsable.
 * New objects get numbers from the trailer's /Size on, never reusing a free number.
 */
export async function loadPdfForUpdate(pdf: Uint8Array, maxBytes?: number): Promise<PdfForUpdate> {
  assertPdfInput(pdf, maxBytes);
  const xref = readXrefChain(pdf);
  if (xref.trailer.get(PDFName.of('Encrypt'))) throw new AppError('sign.pdf_encrypted', {}, 'PDF has /Encrypt');
  const doc = await loadDocument(pdf, true);
  doc.context.largestObjectNumber = Math.max(doc.context.largestObjectNumber, xref.size - 1);
  const rootRef = xref.trailer.get(PDFName.of('Root')) as PDFRef;
  const ids = xref.trailer.lookup(PDFName.of('ID'));
  const first = ids instanceof PDFArray ? ids.get(0) : undefined;
  const permanentId = first instanceof PDFHexString || first instanceof PDFString ? first.asBytes() : null;
  return { bytes: pdf, doc, xref, rootRef, permanentId };
}

/** pdf-lib's parser; its errors mean a broken file. Strict mode also refuses unparsable objects. */
export async function loadDocument(pdf: Uint8Array, strict: boolean): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: strict, ignoreEncryption: !strict });
  } catch (err) {
    if (err instanceof EncryptedPDFError) throw new AppError('sign.pdf_encrypted', {}, 'PDF is encrypted', { cause: err });
    throw new AppError('sign.pdf_broken', {}, `pdf-lib cannot parse the PDF: ${(err as Error).name}`, { cause: err });
  }
}

import type { PDFDocument } from 'pdf-lib';
import { AppError } from '../../../contract/app-error';
import type { PdfAMetadata } from '../metadata/pdfa-metadata';
import { preflightPdfA } from '../preflight/preflight';
import { failedChecks } from '../preflight/report';
import { applyPdfAStructures } from './pdfa-structures';

/**
 * Saves a pdf-lib document as PDF/A-2b and proves it: the bytes are preflighted before they are returned,
 * so a caller never receives a file that claims PDF/A and is not (e.g. one drawn with a standard font).
 * The file uses a classic xref table, which incremental updates such as PAdES signatures build on.
 */
export async function finalizePdfA(doc: PDFDocument, meta: PdfAMetadata): Promise<Uint8Array> {
  applyPdfAStructures(doc.context, doc.catalog, meta);
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  const report = preflightPdfA(bytes);
  const failed = failedChecks(report);
  if (failed.length > 0) {
    throw new AppError(
      'pdfa.not_conforming',
      { checks: failed.map((c) => c.title).join(', ') },
      `finalized PDF fails preflight: ${failed.map((c) => `${c.id} (${c.detail})`).join('; ')}`,
    );
  }
  return bytes;
}

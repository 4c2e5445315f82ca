import { PDFDocument } from 'pdf-lib';
import type { PdfAMetadata } from '../metadata/pdfa-metadata';
import { finalizePdfA } from '../write/finalize';
import { addImagePage, type ImagePage } from './image-page';

/** One PDF/A-2b file from scanned pages: one page per image, original image data kept where possible. */
export async function imagesToPdfA(pages: readonly ImagePage[], meta: PdfAMetadata): Promise<Uint8Array> {
  if (pages.length === 0) throw new RangeError('imagesToPdfA needs at least one page');
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const [i, page] of pages.entries()) await addImagePage(doc, page, i + 1);
  return finalizePdfA(doc, meta);
}

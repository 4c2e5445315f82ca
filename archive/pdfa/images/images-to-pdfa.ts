import { PDFDocument } from 'pdf-lib';
import { AppError } from '../../../contract/app-error';
import type { PdfAMetadata } from '../metadata/pdfa-metadata';
import { finalizePdfA } from '../write/finalize';
import { addImagePage, type ImagePage } from './image-page';
import { TiffProblem, tiffPages } from './tiff-image';

/** One PDF/A-2b file from scanned pages: one page per image, original image data kept where possible. */
export async function imagesToPdfA(pages: readonly ImagePage[], meta: PdfAMetadata): Promise<Uint8Array> {
  if (pages.length === 0) throw new RangeError('imagesToPdfA needs at least one page');
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const [i, page] of pages.entries()) await addImagePage(doc, page, i + 1);
  return finalizePdfA(doc, meta);
}

/** A (multi-page) TIFF as one PDF/A-2b, a page per TIFF page, every pixel kept (see tiffPages). */
export async function tiffToPdfA(tiff: Uint8Array, meta: PdfAMetadata): Promise<Uint8Array> {
  let pages;
  try {
    pages = tiffPages(tiff);
  } catch (e) {
    if (!(e instanceof TiffProblem)) throw e;
    const code = e.kind === 'unreadable' ? 'pdfa.image_unreadable' : 'pdfa.image_unsupported';
    throw new AppError(code, { page: e.page, reason: e.reason }, e.logDetail, { cause: e });
  }
  return imagesToPdfA(pages, meta);
}

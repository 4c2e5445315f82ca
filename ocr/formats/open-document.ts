import { AppError } from '../../contract/app-error';
import { openBitmap } from './bitmap';
import { detectFormat, type DetectedFormat } from './detect-format';
import type { IntakeDocument } from './document';
import { defaultIntakeLimits, type IntakeLimits } from './limits';
import { openPdf } from './pdf';
import { openTiff } from './tiff';

export interface OpenedDocument {
  readonly detected: DetectedFormat;
  readonly document: IntakeDocument;
}

/** Detects the format from the content and opens the file for page-by-page reading. */
export async function openDocument(
  bytes: Uint8Array,
  options: { name?: string; limits?: IntakeLimits } = {},
): Promise<OpenedDocument> {
  const limits = options.limits ?? defaultIntakeLimits;
  const detected = await detectFormat(bytes, options.name);
  let document: IntakeDocument;
  switch (detected.format) {
    case 'pdf':
      document = await openPdf(bytes, limits);
      break;
    case 'tiff':
      document = openTiff(bytes, limits);
      break;
    case 'png':
    case 'jpeg':
      document = openBitmap(bytes, detected.format, limits);
      break;
  }
  if (document.pageCount === 0) {
    await document.close();
    throw new AppError('intake.pdf_broken', {}, 'document without pages');
  }
  return { detected, document };
}

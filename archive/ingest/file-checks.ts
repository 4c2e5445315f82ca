import { preflightPdfA } from '../pdfa/index';
import type { Finding } from './findings';
import { identifyFormat, textEncodingOf, type IdentifiedFormat } from './format-id';
import { imageInfo, type ImageInfo } from './image-info';

/** Technical checks of one primary file: format from content, PDF/A preflight, image header, text encoding. */
export interface FileCheck {
  readonly format?: IdentifiedFormat;
  readonly image?: ImageInfo;
  readonly encoding?: 'ascii' | 'utf-8';
  readonly findings: readonly Finding[];
}

// Below this a scan is hard to read; TR-RESISCAN asks for at least 300 dpi for text documents.
const MIN_SCAN_DPI = 150;

const extensionOf = (name: string): string => name.slice(name.lastIndexOf('.') + 1).toLowerCase();
const expectedMime: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  xml: 'application/xml',
  txt: 'text/plain',
};

function pdfFindings(bytes: Buffer): Finding[] {
  try {
    const report = preflightPdfA(bytes);
    // A PDF that fails PDF/A is still taken in (the archive can migrate it), so it warns, not fails.
    return report.checks
      .filter((c) => c.status !== 'ok')
      .map((c) => ({ status: 'warning', code: 'pdfa_check_failed', detail: c.id }));
  } catch {
    return [{ status: 'error', code: 'pdf_unreadable' }];
  }
}

export function checkFile(fileName: string, bytes: Buffer): FileCheck {
  const format = identifyFormat(bytes);
  const findings: Finding[] = [];
  if (bytes.length === 0) findings.push({ status: 'error', code: 'file_empty' });
  if (format === undefined) {
    findings.push({ status: 'warning', code: 'format_unknown' });
    return { findings };
  }
  const expected = expectedMime[extensionOf(fileName)];
  if (expected !== undefined && expected !== format.mimeType)
    findings.push({ status: 'warning', code: 'extension_mismatch', detail: format.puid });
  if (format.mimeType === 'application/pdf') findings.push(...pdfFindings(bytes));
  let image: ImageInfo | undefined;
  if (format.mimeType.startsWith('image/')) {
    image = imageInfo(bytes, format.mimeType);
    if (image === undefined || image.width === 0 || image.height === 0)
      findings.push({ status: 'error', code: 'image_unreadable' });
    else if (image.dpi === undefined) findings.push({ status: 'warning', code: 'image_resolution_missing' });
    else if (image.dpi < MIN_SCAN_DPI)
      findings.push({ status: 'warning', code: 'image_resolution_low', detail: `${image.dpi} dpi` });
  }
  const encoding =
    format.mimeType.startsWith('text/') || format.puid === 'fmt/101' ? textEncodingOf(bytes) : undefined;
  return { format, findings, ...(image ? { image } : {}), ...(encoding ? { encoding } : {}) };
}

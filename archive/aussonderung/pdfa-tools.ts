import { createHash } from 'node:crypto';
import { isAppError } from '../../contract/app-error';
import { PREFLIGHT_REVISION, failedChecks, fixPdfA, imagesToPdfA, preflightPdfA, tiffToPdfA, type PdfAMetadata } from '../pdfa/index';
import type { ArchivalFormatTools, ConversionIdentity } from './formats';

/** A UUID-shaped id derived from content, so converting the same file twice gives the same bytes. */
const derivedUuid = (seed: string): string => {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const metadataOf = (identity: ConversionIdentity): PdfAMetadata => ({
  title: identity.title,
  createdAt: identity.createdAt,
  modifiedAt: identity.convertedAt,
  documentId: identity.documentId,
  instanceId: derivedUuid(identity.sourceSha256),
});

// Scans of the post room are 300 dpi unless the file says otherwise; the page size follows from it.
const SCAN_DPI = 300;

/**
 * The PDF/A engine of archive/pdfa behind the Aussonderung's format interface: preflight, the repair
 * that leaves page content alone (and refuses signed or damaged files), and images to PDF/A.
 */
export const pdfaTools: ArchivalFormatTools = {
  checker: `eakte-preflight/${PREFLIGHT_REVISION}`,
  async preflight(pdf) {
    let report;
    try {
      report = preflightPdfA(pdf);
    } catch (err) {
      // Not a PDF at all, or unreadable: a finding about the file, not a failure of the export.
      if (isAppError(err)) return { conforming: false, version: null, problems: [err.germanText] };
      throw err;
    }
    const claimed = report.claimed ? `${report.claimed.part}${report.claimed.conformance.toLowerCase()}` : null;
    return { conforming: report.conforming, version: report.conforming ? claimed : null, problems: failedChecks(report).map((c) => c.reason) };
  },
  async convert(bytes, mimeType, identity) {
    try {
      if (mimeType === 'image/jpeg' || mimeType === 'image/png') {
        return { pdf: await imagesToPdfA([{ image: bytes, dpi: SCAN_DPI }], metadataOf(identity)) };
      }
      if (mimeType === 'image/tiff') return { pdf: await tiffToPdfA(bytes, metadataOf(identity)) };
      if (mimeType !== 'application/pdf') return { reason: `Umwandlung von ${mimeType} wird nicht unterstützt` };
      const fixed = await fixPdfA(bytes, { metadata: metadataOf(identity), now: () => identity.convertedAt });
      return fixed.status === 'not_convertible' ? { reason: fixed.reasons.join('; ') } : { pdf: fixed.bytes };
    } catch (err) {
      if (isAppError(err)) return { reason: err.germanText };
      throw err;
    }
  },
};

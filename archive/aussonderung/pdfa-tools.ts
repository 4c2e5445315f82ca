import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { isAppError } from '../../contract/app-error';
import { failedChecks, finalizePdfA, preflightPdfA } from '../pdfa/index';
import type { ArchivalFormatTools, ConversionIdentity } from './formats';

/** A UUID-shaped id derived from content, so converting the same file twice gives the same bytes. */
const derivedUuid = (seed: string): string => {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** The archive PDF/A engine (archive/pdfa) behind the Aussonderung's small format interface. */
export const pdfaTools: ArchivalFormatTools = {
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
  async convert(bytes, mimeType, identity: ConversionIdentity) {
    if (mimeType !== 'application/pdf') return { reason: `Umwandlung von ${mimeType} wird nicht unterstützt` };
    try {
      const doc = await PDFDocument.load(bytes, { updateMetadata: false });
      const pdf = await finalizePdfA(doc, {
        title: doc.getTitle() ?? identity.title,
        ...(doc.getAuthor() ? { author: doc.getAuthor()! } : {}),
        createdAt: doc.getCreationDate() ?? identity.createdAt,
        documentId: identity.documentId,
        instanceId: derivedUuid(identity.sourceSha256),
      });
      return { pdf };
    } catch (err) {
      if (isAppError(err)) return { reason: err.germanText };
      return { reason: 'die Datei kann nicht als PDF gelesen werden' };
    }
  },
};

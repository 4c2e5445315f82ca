import type { Assembled } from './model';

/**
 * The scan protocol stored with each Posteingang item, in the spirit of BSI TR-03138 (TR-RESISCAN):
 * what was converted, from where, by whom and when, with which settings, and what was checked. Ids and
 * technical facts only; the document text is not repeated here.
 */
export function scanProtocol(a: Assembled, processedAt: Date): Record<string, unknown> {
  const { source, part } = a.state;
  return {
    version: 1,
    source: {
      origin: source.scan.origin,
      device: source.scan.device,
      fileName: source.original.fileName,
      sha256: source.original.hash,
      size: source.original.size,
      ...(part.kind !== 'mail' && part.file.hash !== source.original.hash
        ? { attachment: { fileName: part.fileName, sha256: part.file.hash, size: part.file.size } }
        : {}),
      ...(part.kind === 'mail'
        ? { messageId: part.messageId, sentAt: part.sentAt, attachments: part.attachmentCount }
        : {}),
    },
    operator: source.scan.operator,
    takenAt: source.scan.takenAt,
    processedAt: processedAt.toISOString(),
    batch: {
      document: a.state.documentNo,
      of: a.state.documentCount,
      separatorAktenzeichen: a.state.aktenzeichen,
    },
    pages: {
      stored: a.state.pageCount,
      blankRemoved: a.state.blankPagesRemoved,
      rotatedUpright: a.scan.rotatedPages,
      resolutionDpi: a.scan.dpi,
    },
    conversion: {
      output: a.file.mimeType === 'application/pdf' ? 'PDF/A-2b' : a.file.mimeType,
      mode: a.state.mode,
      sha256: a.file.hash,
      ocr: a.ocr,
      checks: a.file.mimeType === 'application/pdf' ? ['pdfa-preflight'] : [],
    },
  };
}

/**
 * The archival format rule for the 0503: every primary file is preflighted as PDF/A; what does not
 * conform is converted where possible, otherwise sent as it is with the reason named in the report and
 * in the message. The PDF/A engine sits behind a small interface (see pdfa-tools.ts).
 */

export interface PdfaVerdict {
  readonly conforming: boolean;
  /** Part and conformance, e.g. `2b`, when conforming. */
  readonly version: string | null;
  /** Short German reasons when not conforming. */
  readonly problems: readonly string[];
}

/** What a rendition needs to be reproducible: the same file converted twice gives the same bytes. */
export interface ConversionIdentity {
  readonly title: string;
  readonly createdAt: Date;
  /** The export's Erstellungszeitpunkt, kept for retries: the rendition's modification date. */
  readonly convertedAt: Date;
  readonly documentId: string;
  readonly sourceSha256: string;
}

export interface ArchivalFormatTools {
  /** The preflight and its revision: verdicts are kept per content hash under this name. */
  readonly checker: string;
  preflight(pdf: Uint8Array): Promise<PdfaVerdict>;
  /** A PDF/A rendition of a PDF or an image, or the German reason why there is none. */
  convert(bytes: Uint8Array, mimeType: string, identity: ConversionIdentity): Promise<{ readonly pdf: Uint8Array } | { readonly reason: string }>;
}

export type FileOutcome =
  | { readonly outcome: 'conforming'; readonly version: string }
  | { readonly outcome: 'converted'; readonly version: string; readonly pdf: Uint8Array; readonly reason: string }
  | { readonly outcome: 'not_conforming'; readonly reason: string };

const CONVERTIBLE = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff']);

/** The media type without parameters, lower case: `Application/PDF; x=y` → `application/pdf`. */
export const mediaTypeOf = (mimeType: string): string => mimeType.toLowerCase().split(';')[0]!.trim();

/** A scan the export turns into a PDF/A that travels beside it; whether it works decides the file names. */
export const isConvertibleImage = (mimeType: string): boolean => {
  const type = mediaTypeOf(mimeType);
  return type !== 'application/pdf' && CONVERTIBLE.has(type);
};

const summary = (problems: readonly string[]): string => problems.slice(0, 3).join('; ') || 'nicht PDF/A-konform';

/**
 * Decides for one file; the bytes are the stored content, already checked against their SHA-256. `checked`
 * is the preflight's verdict on exactly these bytes when it is known already.
 */
export async function archivalFormatOf(
  tools: ArchivalFormatTools,
  bytes: Uint8Array,
  mimeType: string,
  identity: ConversionIdentity,
  checked?: PdfaVerdict,
): Promise<FileOutcome> {
  const type = mediaTypeOf(mimeType);
  let before: PdfaVerdict | null = null;
  if (type === 'application/pdf') {
    before = checked ?? (await tools.preflight(bytes));
    if (before.conforming) return { outcome: 'conforming', version: before.version ?? '' };
  }
  if (!CONVERTIBLE.has(type)) {
    return { outcome: 'not_conforming', reason: `Format ${type || 'unbekannt'} ist kein PDF/A und kann nicht umgewandelt werden` };
  }
  const converted = await tools.convert(bytes, type, identity);
  if ('reason' in converted) return { outcome: 'not_conforming', reason: `${before ? summary(before.problems) : type}; Umwandlung: ${converted.reason}` };
  const after = await tools.preflight(converted.pdf);
  if (!after.conforming) {
    return { outcome: 'not_conforming', reason: `${before ? summary(before.problems) : type}; nach Umwandlung: ${summary(after.problems)}` };
  }
  return {
    outcome: 'converted',
    version: after.version ?? '',
    pdf: converted.pdf,
    reason: before ? `umgewandelt (${summary(before.problems)})` : `umgewandelt aus ${type}`,
  };
}

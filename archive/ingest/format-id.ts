/**
 * Format identification from content (magic bytes), named with PRONOM identifiers. A small table of the
 * formats an Aussonderung brings; anything else is reported as unknown rather than guessed.
 */
export interface IdentifiedFormat {
  /** PRONOM unique identifier, e.g. `fmt/354`. */
  readonly puid: string;
  readonly name: string;
  readonly mimeType: string;
}

const pdfAByPart: Record<string, IdentifiedFormat> = {
  '1A': { puid: 'fmt/95', name: 'PDF/A-1a', mimeType: 'application/pdf' },
  '1B': { puid: 'fmt/354', name: 'PDF/A-1b', mimeType: 'application/pdf' },
  '2A': { puid: 'fmt/476', name: 'PDF/A-2a', mimeType: 'application/pdf' },
  '2B': { puid: 'fmt/477', name: 'PDF/A-2b', mimeType: 'application/pdf' },
  '2U': { puid: 'fmt/478', name: 'PDF/A-2u', mimeType: 'application/pdf' },
};
const plainPdf: IdentifiedFormat = { puid: 'fmt/276', name: 'PDF 1.7', mimeType: 'application/pdf' };
const png: IdentifiedFormat = { puid: 'fmt/13', name: 'PNG 1.2', mimeType: 'image/png' };
const jpeg: IdentifiedFormat = {
  puid: 'fmt/43',
  name: 'JPEG File Interchange Format 1.01',
  mimeType: 'image/jpeg',
};
const tiff: IdentifiedFormat = { puid: 'fmt/353', name: 'TIFF', mimeType: 'image/tiff' };
const xml: IdentifiedFormat = { puid: 'fmt/101', name: 'XML 1.0', mimeType: 'application/xml' };
const text: IdentifiedFormat = { puid: 'x-fmt/111', name: 'Plain Text File', mimeType: 'text/plain' };

const startsWith = (bytes: Buffer, signature: number[]): boolean =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

// The PDF/A claim sits in the XMP packet (pdfaid:part/conformance, as element or attribute).
function pdfAClaim(bytes: Buffer): string | undefined {
  const head = bytes.toString('latin1');
  const part = /pdfaid:part(?:>|=["'])\s*(\d)/.exec(head)?.[1];
  const conformance = /pdfaid:conformance(?:>|=["'])\s*([abuABU])/.exec(head)?.[1];
  return part !== undefined && conformance !== undefined ? `${part}${conformance.toUpperCase()}` : undefined;
}

/** Text without NUL bytes that decodes as UTF-8 (or is plain ASCII). */
export function textEncodingOf(bytes: Buffer): 'ascii' | 'utf-8' | undefined {
  if (bytes.includes(0)) return undefined;
  if (bytes.every((b) => b < 0x80)) return 'ascii';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return undefined;
  }
}

export function identifyFormat(bytes: Buffer): IdentifiedFormat | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    const claim = pdfAClaim(bytes);
    return (claim !== undefined ? pdfAByPart[claim] : undefined) ?? plainPdf;
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpeg;
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return tiff;
  const encoding = textEncodingOf(bytes);
  if (encoding === undefined) return undefined;
  return /^\uFEFF?\s*<\?xml/.test(bytes.toString('utf8')) ? xml : text;
}

const byPuid = new Map(
  [...Object.values(pdfAByPart), plainPdf, png, jpeg, tiff, xml, text].map((f) => [f.puid, f.name]),
);

/** The name of a format this table identifies, by its PRONOM id (the register keeps only the id). */
export const formatNameOf = (puid: string): string => byPuid.get(puid) ?? puid;

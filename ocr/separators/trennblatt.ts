import { parseAktenzeichen } from '../../core/domain/aktenzeichen';
import type { FoundBarcode } from './barcode-reader';

/**
 * Our separator sheets (Trennblätter), defined by barcode content, not by the mere presence of a code
 * (invoices carry GiroCodes, letters carry postal DataMatrix codes):
 * - QR code `EAKTE:TRENNBLATT`: a new document starts after this page;
 * - QR code `EAKTE:AZ=<Aktenzeichen>` (e.g. `EAKTE:AZ=21.30.02-0001/2025`): same, and the document
 *   is pre-assigned to that Akte (or Vorgang);
 * - patch-T sheet: a Code 39 or Code 128 barcode `PATCHT` (the scan industry's "Patch T" means
 *   "new document"; we print it as a barcode any reader decodes, with the words PATCH T above).
 */
export type Trennblatt =
  | { readonly kind: 'qr'; readonly aktenzeichen: string | null }
  | { readonly kind: 'patch-t' }
  /** An EAKTE: code we cannot read (a typo'd Aktenzeichen): still a separator, flagged for review. */
  | { readonly kind: 'invalid'; readonly payload: string };

const PREFIX = 'EAKTE:';

export const trennblattPayload = (aktenzeichen?: string): string =>
  aktenzeichen ? `${PREFIX}AZ=${aktenzeichen}` : `${PREFIX}TRENNBLATT`;

export function classifyBarcode(code: FoundBarcode): Trennblatt | null {
  const text = code.text.trim();
  if ((code.format === 'Code39' || code.format === 'Code128') && text.toUpperCase() === 'PATCHT') return { kind: 'patch-t' };
  if (code.format !== 'QRCode' || !text.toUpperCase().startsWith(PREFIX)) return null;
  const body = text.slice(PREFIX.length);
  if (body.toUpperCase() === 'TRENNBLATT') return { kind: 'qr', aktenzeichen: null };
  const m = /^AZ=(.+)$/i.exec(body);
  if (m && parseAktenzeichen(m[1]!)) return { kind: 'qr', aktenzeichen: m[1]!.trim() };
  return { kind: 'invalid', payload: text.slice(0, 200) };
}

/** The page's separator meaning: the first of its codes that is one of ours. */
export function trennblattOf(codes: readonly FoundBarcode[]): Trennblatt | null {
  for (const code of codes) {
    const t = classifyBarcode(code);
    if (t) return t;
  }
  return null;
}

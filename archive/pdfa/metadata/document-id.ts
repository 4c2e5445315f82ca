import { randomUUID } from 'node:crypto';

/**
 * The trailer /ID pair and the XMP identifiers are the same 16 bytes each, so a reader can match a file to
 * its metadata: xmpMM:DocumentID is `uuid:` + the first /ID entry, xmpMM:InstanceID the second.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertUuid(name: string, value: string): string {
  if (!UUID.test(value)) throw new RangeError(`${name} must be a UUID`);
  return value.toLowerCase();
}

export const newUuid = (): string => randomUUID();

/** 32 hex digits of a UUID, the form of one trailer /ID entry. */
export const uuidToIdHex = (uuid: string): string => uuid.replace(/-/g, '').toUpperCase();

/** A trailer /ID entry (16 bytes as hex) back to UUID form; null for entries of another length. */
export function idHexToUuid(hex: string): string | null {
  const h = hex.toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(h)) return null;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const xmpUuid = (uuid: string): string => `uuid:${uuid}`;

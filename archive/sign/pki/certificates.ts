import { createHash, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { Certificate } from 'pkijs';
import { toArrayBuffer } from './engine';

/** Key usage bits of RFC 5280 in bit order. */
const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsage = (typeof KEY_USAGE_BITS)[number];

const ID_KEY_USAGE = '2.5.29.15';
const ID_EXT_KEY_USAGE = '2.5.29.37';

/** What a person or a report needs to know about a certificate. */
export interface CertificateInfo {
  readonly subject: string;
  readonly commonName: string | null;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** null when the certificate has no key usage extension. */
  readonly keyUsage: readonly KeyUsage[] | null;
  readonly sha256Fingerprint: string;
}

/** A parsed certificate with its DER bytes kept, since hashes and signatures are over exactly those. */
export interface ParsedCertificate {
  readonly der: Uint8Array;
  readonly pkijs: Certificate;
  readonly info: CertificateInfo;
}

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const cert = Certificate.fromBER(toArrayBuffer(der));
  const x509 = new X509Certificate(der);
  const subject = x509.subject.split('\n').join(', ');
  return {
    der,
    pkijs: cert,
    info: {
      subject,
      commonName: /(?:^|\n)CN=([^\n]*)/.exec(x509.subject)?.[1] ?? null,
      issuer: x509.issuer.split('\n').join(', '),
      serialNumber: x509.serialNumber,
      notBefore: cert.notBefore.value,
      notAfter: cert.notAfter.value,
      keyUsage: keyUsageOf(cert),
      sha256Fingerprint: createHash('sha256').update(der).digest('hex'),
    },
  };
}

function keyUsageOf(cert: Certificate): KeyUsage[] | null {
  const ext = cert.extensions?.find((e) => e.extnID === ID_KEY_USAGE);
  if (!ext) return null;
  const parsed = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
  if (!(parsed.result instanceof asn1js.BitString)) return [];
  const bits = parsed.result.valueBlock.valueHexView;
  return KEY_USAGE_BITS.filter((_, i) => ((bits[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
}

/** Extended key usage OIDs, or null when the extension is absent. */
export function extendedKeyUsageOf(cert: Certificate): { oids: string[]; critical: boolean } | null {
  const ext = cert.extensions?.find((e) => e.extnID === ID_EXT_KEY_USAGE);
  if (!ext) return null;
  const parsed = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
  const oids =
    parsed.result instanceof asn1js.Sequence
      ? parsed.result.valueBlock.value
          .filter((v): v is asn1js.ObjectIdentifier => v instanceof asn1js.ObjectIdentifier)
          .map((v) => v.valueBlock.toString())
      : [];
  return { oids, critical: ext.critical };
}

/**
 * Certificates from a trust store file or a chain: a PEM bundle (any number of CERTIFICATE blocks) or a
 * single DER certificate.
 */
export function readCertificates(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (text.includes('-----BEGIN CERTIFICATE-----')) {
    const blocks = text.match(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g) ?? [];
    return blocks.map((b) => new Uint8Array(Buffer.from(b.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64')));
  }
  return [bytes];
}

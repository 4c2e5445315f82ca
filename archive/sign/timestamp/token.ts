import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { TSTInfo, type SignedData } from 'pkijs';
import { readSignedData } from '../cms/cades';
import { HASH_BY_OID, OID } from '../cms/oids';
import { checkSigner } from '../cms/verify-signer';
import { extendedKeyUsageOf, type ParsedCertificate } from '../pki/certificates';

/** What an RFC 3161 token says and whether it holds up on its own (trust is checked elsewhere). */
export interface TimestampCheck {
  readonly genTime: Date;
  /** The token's message imprint equals the hash of the stamped data. */
  readonly imprintMatches: boolean;
  /** The TSA's signature over the TSTInfo verifies. */
  readonly signatureValid: boolean;
  /** The TSA certificate is marked for time stamping only (RFC 3161: critical EKU timeStamping). */
  readonly tsaUsageValid: boolean;
  readonly tsaCertificate: ParsedCertificate | null;
  readonly certificates: readonly ParsedCertificate[];
  readonly nonce: string | null;
}

/**
 * Reads a TimeStampToken (a CMS ContentInfo with a TSTInfo) and checks it against the stamped data,
 * given as parts (a document timestamp stamps a PDF's byte ranges).
 */
export function checkTimestampToken(token: Uint8Array, stamped: readonly Uint8Array[]): TimestampCheck {
  const signedData: SignedData = readSignedData(token);
  const eContent = signedData.encapContentInfo.eContent;
  if (signedData.encapContentInfo.eContentType !== OID.tstInfo || !eContent)
    throw new Error('timestamp token without TSTInfo');
  const tstInfoBytes = new Uint8Array(eContent.getValue());
  const info = TSTInfo.fromBER(tstInfoBytes);
  const signer = checkSigner(signedData, [tstInfoBytes]);
  const hashName = HASH_BY_OID[info.messageImprint.hashAlgorithm.algorithmId];
  let imprintMatches = false;
  if (hashName !== undefined) {
    const hash = createHash(hashName);
    for (const part of stamped) hash.update(part);
    imprintMatches = hash.digest().equals(Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView));
  }
  const eku = signer.signerCertificate && extendedKeyUsageOf(signer.signerCertificate.pkijs);
  return {
    genTime: info.genTime,
    imprintMatches,
    signatureValid: signer.digestMatches && signer.signatureValid && signer.contentType === OID.tstInfo,
    tsaUsageValid: !!eku && eku.critical && eku.oids.length === 1 && eku.oids[0] === OID.timeStamping,
    tsaCertificate: signer.signerCertificate,
    certificates: signer.certificates,
    nonce: info.nonce ? Buffer.from(info.nonce.valueBlock.valueHexView).toString('hex') : null,
  };
}

/**
 * A positive INTEGER from random bytes, minimally encoded (OpenSSL rejects padded integers): the
 * first byte gets its top bit cleared and its next bit set.
 */
export function nonceInteger(random: Uint8Array): asn1js.Integer {
  const bytes = Uint8Array.from(random);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return new asn1js.Integer({ valueHex: bytes.buffer });
}

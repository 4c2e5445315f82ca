import { createHash, createVerify, constants, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { IssuerAndSerialNumber, RSASSAPSSParams, type SignedData, type SignerInfo } from 'pkijs';
import { parseCertificate, type ParsedCertificate } from '../pki/certificates';
import { HASH_BY_OID, OID } from './oids';
import { signedAttributesBytes } from './cades';

export interface SignerCheck {
  readonly signerInfo: SignerInfo;
  readonly certificates: readonly ParsedCertificate[];
  /** null when the certificate named by the SignerInfo is not embedded. */
  readonly signerCertificate: ParsedCertificate | null;
  /** Node hash name of the SignerInfo's digest algorithm, or null if unknown. */
  readonly hashName: string | null;
  /** Whether the message-digest attribute equals the digest of the content. */
  readonly digestMatches: boolean;
  /** Whether the signature value verifies with the signer certificate's key. */
  readonly signatureValid: boolean;
  /** Value of the content-type attribute, if present. */
  readonly contentType: string | null;
  readonly signedAttribute: (oid: string) => asn1js.AsnType | null;
  readonly unsignedAttribute: (oid: string) => asn1js.AsnType | null;
}

/**
 * Checks the first SignerInfo of a SignedData against its content, given as parts (a PDF's byte
 * ranges) so large files are hashed without being copied. Uses Node's crypto, independent of pkijs's
 * WebCrypto engine, and the received encoding of the signed attributes.
 */
export function checkSigner(signedData: SignedData, contentParts: readonly Uint8Array[]): SignerCheck {
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('SignedData without SignerInfo');
  const certificates = (signedData.certificates ?? []).flatMap((c) =>
    'tbsView' in c ? [parseCertificate(new Uint8Array(c.toSchema().toBER()))] : [],
  );
  const signerCertificate = findSignerCertificate(signerInfo, certificates);
  const hashName = HASH_BY_OID[signerInfo.digestAlgorithm.algorithmId] ?? null;
  const attribute = (attrs: SignerInfo['signedAttrs'], oid: string) =>
    attrs?.attributes.find((a) => a.type === oid)?.values[0] ?? null;
  const signedAttribute = (oid: string) => attribute(signerInfo.signedAttrs, oid);
  const unsignedAttribute = (oid: string) => attribute(signerInfo.unsignedAttrs, oid);

  let digestMatches = false;
  let signatureValid = false;
  if (hashName) {
    const hash = createHash(hashName);
    for (const part of contentParts) hash.update(part);
    const digest = hash.digest();
    const md = signedAttribute(OID.messageDigest);
    digestMatches = md instanceof asn1js.OctetString && digest.equals(Buffer.from(md.valueBlock.valueHexView));
    if (signerCertificate) {
      const signedBytes = signerInfo.signedAttrs ? [signedAttributesBytes(signerInfo)] : contentParts;
      signatureValid = verifySignature(signerInfo, signerCertificate, hashName, signedBytes);
      // Without signed attributes the signature is over the content itself.
      if (!signerInfo.signedAttrs) digestMatches = signatureValid;
    }
  }
  const ct = signedAttribute(OID.contentType);
  return {
    signerInfo,
    certificates,
    signerCertificate,
    hashName,
    digestMatches,
    signatureValid,
    contentType: ct instanceof asn1js.ObjectIdentifier ? ct.valueBlock.toString() : null,
    signedAttribute,
    unsignedAttribute,
  };
}

function findSignerCertificate(signerInfo: SignerInfo, certs: readonly ParsedCertificate[]): ParsedCertificate | null {
  const sid = signerInfo.sid;
  if (sid instanceof IssuerAndSerialNumber)
    return (
      certs.find((c) => c.pkijs.issuer.isEqual(sid.issuer) && c.pkijs.serialNumber.isEqual(sid.serialNumber)) ?? null
    );
  // [0] SubjectKeyIdentifier, implicitly tagged (primitive) or wrapped (constructed)
  const tagged = sid as asn1js.Constructed | asn1js.Primitive;
  const inner = tagged instanceof asn1js.Constructed ? tagged.valueBlock.value[0] : tagged;
  const keyId = Buffer.from(
    inner && 'valueHexView' in inner.valueBlock ? (inner.valueBlock.valueHexView as Uint8Array) : [],
  );
  return (
    certs.find((c) => {
      const ski = c.pkijs.extensions?.find((e) => e.extnID === '2.5.29.14');
      const value = ski && asn1js.fromBER(ski.extnValue.valueBlock.valueHexView).result;
      return value instanceof asn1js.OctetString && Buffer.from(value.valueBlock.valueHexView).equals(keyId);
    }) ?? null
  );
}

const PKCS1_HASH: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};
const RSA_PSS = '1.2.840.113549.1.1.10';

function verifySignature(
  signerInfo: SignerInfo,
  cert: ParsedCertificate,
  digestHash: string,
  signed: readonly Uint8Array[],
): boolean {
  const algorithm = signerInfo.signatureAlgorithm;
  const key = new X509Certificate(cert.der).publicKey;
  const signature = new Uint8Array(signerInfo.signature.valueBlock.valueHexView);
  try {
    if (algorithm.algorithmId === RSA_PSS) {
      const params = new RSASSAPSSParams({ schema: algorithm.algorithmParams });
      const hash = HASH_BY_OID[params.hashAlgorithm.algorithmId] ?? 'sha1';
      const verifier = createVerify(hash);
      for (const part of signed) verifier.update(part);
      return verifier.verify(
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength },
        signature,
      );
    }
    const verifier = createVerify(PKCS1_HASH[algorithm.algorithmId] ?? digestHash);
    for (const part of signed) verifier.update(part);
    return verifier.verify(key, signature);
  } catch {
    // Malformed signature values or keys are a failed verification, not a crash.
    return false;
  }
}

import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Attribute,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';
import type { ParsedCertificate } from '../pki/certificates';
import { toArrayBuffer } from '../pki/engine';
import { keyAlgorithmOf, SIGNATURE_ALGORITHM_OID } from '../pki/key-algorithm';
import { signingCertificateV2 } from './ess';
import { OID } from './oids';

export interface CadesInput {
  /** The signer's certificate first, then its issuers; all are embedded. */
  readonly chain: readonly ParsedCertificate[];
  /** SHA-256 of the signed content (for a PDF: the byte ranges). */
  readonly contentDigest: Uint8Array;
  /** Signs the DER of the signed attributes with SHA-256 and the certificate's key. */
  readonly sign: (data: Uint8Array) => Promise<Uint8Array>;
}

/**
 * A detached CAdES baseline B signature (ETSI EN 319 122-1) as PAdES needs it: signed attributes
 * content-type, message-digest and signing-certificate-v2, and no signing-time (PAdES keeps the claimed
 * time in the signature dictionary's /M). Returns the DER of the ContentInfo.
 */
export async function createCadesSignature(input: CadesInput): Promise<Uint8Array> {
  const [leaf] = input.chain;
  if (!leaf) throw new Error('CAdES signature needs the signer certificate');
  const keyAlgorithm = keyAlgorithmOf(leaf.pkijs);
  const attributes = derSorted([
    new Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: toArrayBuffer(input.contentDigest) })],
    }),
    new Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(leaf)] }),
  ]);
  const signedAttrs = new SignedAndUnsignedAttributes({ type: 0, attributes });
  // The signature covers the attributes encoded as a SET, not with the [0] tag they carry in SignerInfo.
  const toBeSigned = new Uint8Array(signedAttrs.toSchema().toBER());
  toBeSigned[0] = 0x31;
  const signatureValue = await input.sign(toBeSigned);

  const signerInfo = new SignerInfo({
    version: 1,
    sid: new IssuerAndSerialNumber({ issuer: leaf.pkijs.issuer, serialNumber: leaf.pkijs.serialNumber }),
    digestAlgorithm: new AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: new AlgorithmIdentifier({
      algorithmId: SIGNATURE_ALGORITHM_OID[keyAlgorithm],
      // PKCS#1 algorithm identifiers carry NULL parameters; ECDSA ones carry none.
      ...(keyAlgorithm === 'rsa' ? { algorithmParams: new asn1js.Null() } : {}),
    }),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signatureValue) }),
  });
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: [new AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: input.chain.map((c) => c.pkijs),
    signerInfos: [signerInfo],
  });
  return encode(signedData);
}

/**
 * Adds an RFC 3161 token over the signature value as unsigned attribute signature-time-stamp (PAdES
 * B-T). The signed attributes stay byte for byte the same, so the signature stays valid.
 */
export function addSignatureTimestamp(cms: Uint8Array, token: Uint8Array): Uint8Array {
  const signedData = readSignedData(cms);
  const signerInfo = signedData.signerInfos[0]!;
  const before = signedAttributesBytes(signerInfo);
  const tokenAsn1 = asn1js.fromBER(toArrayBuffer(token));
  if (tokenAsn1.offset === -1) throw new Error('timestamp token is no DER');
  const others = signerInfo.unsignedAttrs?.attributes.filter((a) => a.type !== OID.signatureTimeStampToken) ?? [];
  signerInfo.unsignedAttrs = new SignedAndUnsignedAttributes({
    type: 1,
    attributes: [...others, new Attribute({ type: OID.signatureTimeStampToken, values: [tokenAsn1.result] })],
  });
  const out = encode(signedData);
  const after = signedAttributesBytes(readSignedData(out).signerInfos[0]!);
  if (!Buffer.from(before).equals(Buffer.from(after))) throw new Error('re-encoding changed the signed attributes');
  return out;
}

/** The signature value of the (first) signer, which a signature timestamp covers. */
export function signatureValueOf(cms: Uint8Array): Uint8Array {
  return new Uint8Array(readSignedData(cms).signerInfos[0]!.signature.valueBlock.valueHexView);
}

export function readSignedData(cms: Uint8Array): SignedData {
  const asn1 = asn1js.fromBER(toArrayBuffer(cms));
  if (asn1.offset === -1) throw new Error('CMS is no BER');
  const info = new ContentInfo({ schema: asn1.result });
  if (info.contentType !== OID.signedData) throw new Error(`CMS content type ${info.contentType}`);
  return new SignedData({ schema: info.content });
}

/** The signed attributes as signed: their received encoding with the SET tag. */
export function signedAttributesBytes(signerInfo: SignerInfo): Uint8Array {
  if (!signerInfo.signedAttrs) return new Uint8Array();
  const encoded = signerInfo.signedAttrs.encodedValue;
  const bytes =
    encoded.byteLength > 0 ? new Uint8Array(encoded).slice() : new Uint8Array(signerInfo.signedAttrs.toSchema().toBER());
  bytes[0] = 0x31;
  return bytes;
}

function encode(signedData: SignedData): Uint8Array {
  const info = new ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER());
}

/** DER orders the members of a SET OF by their encodings; OpenSSL re-encodes before verifying. */
function derSorted(attributes: Attribute[]): Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER()) }));
  return encoded.sort((x, y) => Buffer.compare(x.der, y.der)).map((e) => e.a);
}

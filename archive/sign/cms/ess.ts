import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { GeneralName, GeneralNames } from 'pkijs';
import type { ParsedCertificate } from '../pki/certificates';
import { HASH_BY_OID } from './oids';

/**
 * The ESS signing-certificate-v2 attribute value (RFC 5035) for SHA-256: binds the signature to the
 * signer's certificate so it cannot be swapped for another one with the same key.
 * The hash algorithm is left out because SHA-256 is the DER default.
 */
export function signingCertificateV2(cert: ParsedCertificate): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new GeneralNames({ names: [new GeneralName({ type: 4, value: cert.pkijs.issuer })] }).toSchema(),
      cert.pkijs.serialNumber,
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: sha256(cert.der) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/**
 * Whether a signing-certificate(-v2) attribute value names `cert` as its first certificate, by hash.
 * v1 values always use SHA-1.
 */
export function essNamesCertificate(value: asn1js.AsnType, cert: ParsedCertificate, v2: boolean): boolean {
  if (!(value instanceof asn1js.Sequence)) return false;
  const certs = value.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return false;
  const first = certs.valueBlock.value[0];
  if (!(first instanceof asn1js.Sequence)) return false;
  const parts = first.valueBlock.value;
  let hashName = v2 ? 'sha256' : 'sha1';
  let i = 0;
  if (v2 && parts[0] instanceof asn1js.Sequence) {
    const oid = parts[0].valueBlock.value[0];
    const name = oid instanceof asn1js.ObjectIdentifier ? HASH_BY_OID[oid.valueBlock.toString()] : undefined;
    if (!name) return false;
    hashName = name;
    i = 1;
  }
  const hash = parts[i];
  if (!(hash instanceof asn1js.OctetString)) return false;
  return Buffer.from(hash.valueBlock.valueHexView).equals(createHash(hashName).update(cert.der).digest());
}

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());


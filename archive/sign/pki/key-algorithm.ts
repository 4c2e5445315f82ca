import type { Certificate } from 'pkijs';
import { AppError } from '../../../contract/app-error';

export type KeyAlgorithm = 'rsa' | 'ecdsa';

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';

/** Signature algorithm OIDs for SHA-256 by key type, as written into SignerInfo. */
export const SIGNATURE_ALGORITHM_OID: Record<KeyAlgorithm, string> = {
  rsa: '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
  ecdsa: '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
};

export function keyAlgorithmOf(cert: Certificate): KeyAlgorithm {
  const oid = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (oid === RSA_ENCRYPTION) return 'rsa';
  if (oid === EC_PUBLIC_KEY) return 'ecdsa';
  throw new AppError('sign.unsupported_key', { algorithm: oid }, `unsupported signer key algorithm ${oid}`);
}

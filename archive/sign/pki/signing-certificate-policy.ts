import type { ErrorParams } from '../../../contract/errors';
import type { CertificateInfo } from './certificates';
import { germanDateTime } from './german-time';

export type CertificateProblemCode =
  | 'sign.certificate_not_yet_valid'
  | 'sign.certificate_expired'
  | 'sign.certificate_key_usage';

export interface CertificateProblem {
  readonly code: CertificateProblemCode;
  readonly params: ErrorParams;
}

/**
 * Whether a certificate may make a signature at a given time: inside its validity period, and meant
 * for signatures. A missing key usage extension counts as not meant for signatures: certificates for
 * advanced and qualified signatures always state it (ETSI EN 319 412-2).
 */
export function signingCertificateProblems(info: CertificateInfo, at: Date): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  if (at < info.notBefore)
    problems.push({
      code: 'sign.certificate_not_yet_valid',
      params: { at: germanDateTime(at), from: germanDateTime(info.notBefore) },
    });
  if (at > info.notAfter)
    problems.push({
      code: 'sign.certificate_expired',
      params: { at: germanDateTime(at), until: germanDateTime(info.notAfter) },
    });
  const usage = info.keyUsage ?? [];
  if (!usage.includes('digitalSignature') && !usage.includes('nonRepudiation'))
    problems.push({ code: 'sign.certificate_key_usage', params: {} });
  return problems;
}

import { germanMessage, type ErrorParams } from '../../contract/errors';

/**
 * How much each finding of a verification weighs (after ETSI EN 319 102-1): an error makes the
 * signature invalid, a warning leaves it indeterminate, information does not change the status.
 */
const SEVERITY = {
  'sign.byte_range_invalid': 'error',
  'sign.digest_mismatch': 'error',
  'sign.signature_value_invalid': 'error',
  'sign.signature_unreadable': 'error',
  'sign.signing_certificate_mismatch': 'error',
  'sign.certificate_expired': 'error',
  'sign.certificate_not_yet_valid': 'error',
  'sign.certificate_key_usage': 'error',
  'sign.certificate_untrusted': 'warning',
  'sign.timestamp_invalid': 'warning',
  'sign.modified_after_signing': 'warning',
  'sign.unsupported_format': 'warning',
  'sign.timestamp_missing': 'info',
  'sign.later_signatures': 'info',
  'sign.revocation_not_checked': 'info',
} as const;

export type FindingCode = keyof typeof SEVERITY;
export type FindingSeverity = (typeof SEVERITY)[FindingCode];
export type SignatureStatus = 'valid' | 'invalid' | 'indeterminate';

/** One reason in a verification report, with the German sentence for people. */
export interface Finding {
  readonly code: FindingCode;
  readonly severity: FindingSeverity;
  readonly params: ErrorParams;
  readonly text: string;
}

export const finding = (code: FindingCode, params: ErrorParams = {}): Finding => ({
  code,
  severity: SEVERITY[code],
  params,
  text: germanMessage(code, params),
});

export function statusOf(findings: readonly Finding[]): SignatureStatus {
  if (findings.some((f) => f.severity === 'error')) return 'invalid';
  if (findings.some((f) => f.severity === 'warning')) return 'indeterminate';
  return 'valid';
}

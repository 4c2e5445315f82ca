import type { CertificateSummary, SignatureCheck } from '../../../contract/methods/signatures';
import type { CertificateInfo } from '../pki/certificates';
import type { SignatureReport } from '../verify-pdf';

export const certificateSummary = (c: CertificateInfo): CertificateSummary => ({
  subject: c.subject,
  commonName: c.commonName,
  issuer: c.issuer,
  serialNumber: c.serialNumber,
  notBefore: c.notBefore.toISOString(),
  notAfter: c.notAfter.toISOString(),
  sha256Fingerprint: c.sha256Fingerprint,
});

/** The library's report in the API's shape (ISO times, German finding texts), for the panel and `eakte verify --json`. */
export function signatureCheck(r: SignatureReport): SignatureCheck {
  return {
    fieldName: r.fieldName,
    status: r.status,
    level: r.level,
    signer: r.signer ? certificateSummary(r.signer) : null,
    name: r.name,
    reason: r.reason,
    location: r.location,
    claimedSigningTime: r.claimedSigningTime?.toISOString() ?? null,
    timestamp: r.timestamp
      ? { time: r.timestamp.time.toISOString(), valid: r.timestamp.valid, authority: r.timestamp.authority?.commonName ?? null }
      : null,
    checkedAt: r.checkedAt.toISOString(),
    integrity: { ...r.integrity },
    certificateTrusted: r.certificateTrusted,
    coversWholeFile: r.coverage.coversWholeFile,
    changedAfterSigning: r.coverage.changedAfterSigning,
    laterSignatures: r.coverage.laterSignatures,
    findings: r.findings.map((f) => ({ code: f.code, severity: f.severity, text: f.text })),
  };
}

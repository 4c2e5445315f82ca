import { CertificateChainValidationEngine } from 'pkijs';
import { AppError } from '../../../contract/app-error';
import { parseCertificate, readCertificates, type ParsedCertificate } from './certificates';
import { pkiEngine } from './engine';

/** Trust anchors from certificate files (PEM bundles or DER), e.g. the city's CA and a TSA's root. */
export function parseTrustAnchors(files: readonly Uint8Array[]): ParsedCertificate[] {
  return files.flatMap((file, index) => {
    try {
      return readCertificates(file).map(parseCertificate);
    } catch (err) {
      throw new AppError('sign.trust_store_invalid', { index: index + 1 }, `trust anchor file ${index + 1} unreadable`, { cause: err });
    }
  });
}

/**
 * Whether `leaf` chains to one of the anchors through `intermediates`, every certificate valid at
 * `at` and every signature in the path correct. Revocation is not checked (no CRLs or OCSP at hand).
 */
export async function chainsToAnchor(
  leaf: ParsedCertificate,
  intermediates: readonly ParsedCertificate[],
  anchors: readonly ParsedCertificate[],
  at: Date,
): Promise<boolean> {
  if (anchors.length === 0) return false;
  const others = intermediates.filter((c) => c.info.sha256Fingerprint !== leaf.info.sha256Fingerprint);
  // pkijs takes the last certificate of `certs` as the end entity.
  const engine = new CertificateChainValidationEngine({
    trustedCerts: anchors.map((a) => a.pkijs),
    certs: [...others.map((c) => c.pkijs), leaf.pkijs],
    checkDate: at,
  });
  try {
    const result = await engine.verify({}, pkiEngine);
    return result.result;
  } catch {
    return false;
  }
}

/**
 * PAdES signing and verification of PDFs. Pure functions over bytes: the caller reads and writes
 * files, passes the clock, the signer (PKCS#12 or PKCS#11 token) and the timestamp client, and stores
 * the returned PDF as a new version; inputs are never changed.
 */
export { signPdf, type SignPdfOptions, type SignPdfResult, type TimestampState, type VisibleStamp } from './sign-pdf';
export { addPendingTimestamp, type TimestampUpgradeResult } from './timestamp-upgrade';
export {
  verifyPdf,
  type SignatureReport,
  type TimestampReport,
  type VerificationReport,
  type VerifyPdfOptions,
} from './verify-pdf';
export type { Finding, FindingCode, FindingSeverity, SignatureStatus } from './findings';
export type { ClosableSigner, Signer } from './signer';
export { openPkcs12Signer } from './keys/pkcs12-signer';
export { openPkcs11Signer, type Pkcs11SignerOptions } from './keys/pkcs11-signer';
export {
  httpTimestampClient,
  type HttpTimestampClientOptions,
  type TimestampClient,
  type TimestampOutcome,
} from './timestamp/timestamp-client';
export { loadDefaultStampFont } from './stamp-font';
export { DEFAULT_MAX_PDF_BYTES } from './pdf/load-pdf';
export type { CertificateInfo, KeyUsage } from './pki/certificates';

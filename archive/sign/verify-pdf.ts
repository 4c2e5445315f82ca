import { PDFRef, type PDFDocument } from 'pdf-lib';
import type { Clock } from '../../core/platform/clock';
import { readSignedData } from './cms/cades';
import { essNamesCertificate } from './cms/ess';
import { OID } from './cms/oids';
import { checkSigner, type SignerCheck } from './cms/verify-signer';
import { finding, statusOf, type Finding, type SignatureStatus } from './findings';
import { signedRange } from './pdf/byte-range';
import { changedBeyondSignatures } from './pdf/changes-after-signing';
import { assertPdfInput, loadDocument } from './pdf/load-pdf';
import { findRevisions, type Revisions } from './pdf/revisions';
import { findSignatureDictionaries, type SignatureDictionary } from './pdf/signature-dictionaries';
import type { CertificateInfo, ParsedCertificate } from './pki/certificates';
import { signingCertificateProblems } from './pki/signing-certificate-policy';
import { chainsToAnchor, parseTrustAnchors } from './pki/trust';
import { checkTimestampToken } from './timestamp/token';

export interface VerifyPdfOptions {
  /** Contents of certificate files (PEM bundles or DER) whose certificates are trusted as roots. */
  readonly trustAnchors: readonly Uint8Array[];
  /** The time of checking, used when a signature names no time at all. */
  readonly clock: Clock;
  readonly maxBytes?: number;
}

export interface TimestampReport {
  readonly time: Date;
  readonly valid: boolean;
  readonly authority: CertificateInfo | null;
}

export interface SignatureReport {
  readonly fieldName: string | null;
  readonly subFilter: string | null;
  readonly status: SignatureStatus;
  /** PAdES baseline level reached, for CAdES-based signatures. */
  readonly level: 'B-B' | 'B-T' | null;
  readonly signer: CertificateInfo | null;
  readonly name: string | null;
  readonly reason: string | null;
  readonly location: string | null;
  /** /M: the time the signer claims. */
  readonly claimedSigningTime: Date | null;
  readonly timestamp: TimestampReport | null;
  /** The time the certificate was checked at: a valid timestamp's, else the claimed time. */
  readonly checkedAt: Date;
  readonly integrity: {
    /** The byte range covers one whole revision except the signature's own /Contents. */
    readonly byteRangeValid: boolean;
    readonly digestMatches: boolean;
    readonly signatureValid: boolean;
  };
  readonly certificateTrusted: boolean;
  readonly coverage: {
    /** Length of the signed revision. */
    readonly signedLength: number;
    readonly coversWholeFile: boolean;
    readonly laterRevisions: number;
    readonly laterSignatures: number;
    /** Later revisions changed more than adding signatures. */
    readonly changedAfterSigning: boolean;
  };
  /** Every reason, in German, that the status rests on, and notes that do not change it. */
  readonly findings: readonly Finding[];
}

export interface VerificationReport {
  readonly signatures: readonly SignatureReport[];
}

const CMS_SUBFILTERS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']);
const DOC_TIMESTAMP = 'ETSI.RFC3161';

/**
 * Verifies every signature in a PDF: the byte range, the digest, the signature value, the signer's
 * certificate (validity at the signing time, key usage, chain to a trust anchor), the signature
 * timestamp, and what later revisions changed. Never throws for a bad signature; only for input that
 * is no readable PDF at all.
 */
export async function verifyPdf(pdf: Uint8Array, options: VerifyPdfOptions): Promise<VerificationReport> {
  assertPdfInput(pdf, options.maxBytes);
  const anchors = parseTrustAnchors(options.trustAnchors);
  const doc = await loadDocument(pdf, false);
  const rootRef = doc.context.trailerInfo.Root instanceof PDFRef ? doc.context.trailerInfo.Root : null;
  const dictionaries = findSignatureDictionaries(doc, rootRef);
  const context: VerifyContext = {
    pdf,
    doc,
    rootRef,
    anchors,
    revisions: findRevisions(pdf),
    dictionaries,
    now: options.clock.now(),
    signedRevisions: new Map(),
  };
  const signatures: SignatureReport[] = [];
  for (const sig of dictionaries) signatures.push(await verifySignature(context, sig));
  return { signatures };
}

interface VerifyContext {
  readonly pdf: Uint8Array;
  readonly doc: PDFDocument;
  readonly rootRef: PDFRef | null;
  readonly anchors: readonly ParsedCertificate[];
  readonly revisions: Revisions;
  readonly dictionaries: readonly SignatureDictionary[];
  readonly now: Date;
  /** Earlier revisions parsed once, by length, for comparing with the current document. */
  readonly signedRevisions: Map<number, Promise<PDFDocument>>;
}

interface CryptoResult {
  readonly signer: ParsedCertificate | null;
  readonly digestMatches: boolean;
  readonly signatureValid: boolean;
  readonly timestamp: TimestampReport | null;
  readonly trusted: boolean;
  readonly checkedAt: Date;
  readonly level: 'B-B' | 'B-T' | null;
}

async function verifySignature(ctx: VerifyContext, sig: SignatureDictionary): Promise<SignatureReport> {
  const findings: Finding[] = [];
  const range = signedRange(ctx.pdf, sig, ctx.revisions);
  if (!range) findings.push(finding('sign.byte_range_invalid'));
  const parts = range?.parts ?? [];
  const signedLength = range?.end ?? 0;

  let result: CryptoResult;
  if (sig.subFilter !== null && CMS_SUBFILTERS.has(sig.subFilter)) {
    result = await verifyCms(ctx, sig, parts, findings, range !== null);
  } else if (sig.subFilter === DOC_TIMESTAMP) {
    result = await verifyDocumentTimestamp(ctx, sig, parts, findings);
  } else {
    findings.push(finding('sign.unsupported_format', { subFilter: sig.subFilter ?? '–' }));
    result = noCryptoResult(sig.claimedTime ?? ctx.now);
  }

  const later = range ? await laterChanges(ctx, range.end) : { revisions: 0, signatures: 0, changed: false };
  if (later.changed) findings.push(finding('sign.modified_after_signing'));
  else if (later.signatures > 0) findings.push(finding('sign.later_signatures', { count: later.signatures }));
  if (result.signer) findings.push(finding('sign.revocation_not_checked'));

  return {
    fieldName: sig.fieldName,
    subFilter: sig.subFilter,
    status: statusOf(findings),
    level: result.level,
    signer: result.signer?.info ?? null,
    name: sig.name,
    reason: sig.reason,
    location: sig.location,
    claimedSigningTime: sig.claimedTime,
    timestamp: result.timestamp,
    checkedAt: result.checkedAt,
    integrity: { byteRangeValid: range !== null, digestMatches: result.digestMatches, signatureValid: result.signatureValid },
    certificateTrusted: result.trusted,
    coverage: {
      signedLength,
      coversWholeFile: range !== null && range.end === ctx.pdf.length,
      laterRevisions: later.revisions,
      laterSignatures: later.signatures,
      changedAfterSigning: later.changed,
    },
    findings,
  };
}

async function verifyCms(
  ctx: VerifyContext,
  sig: SignatureDictionary,
  parts: readonly Uint8Array[],
  findings: Finding[],
  rangeValid: boolean,
): Promise<CryptoResult> {
  let check: SignerCheck;
  try {
    check = checkSigner(readSignedData(sig.contents!), parts);
  } catch {
    findings.push(finding('sign.signature_unreadable'));
    return noCryptoResult(sig.claimedTime ?? ctx.now);
  }
  const signer = check.signerCertificate;
  if (!signer) {
    findings.push(finding('sign.signature_unreadable'));
    return noCryptoResult(sig.claimedTime ?? ctx.now);
  }
  if (rangeValid && !check.digestMatches) findings.push(finding('sign.digest_mismatch'));
  if (!check.signatureValid) findings.push(finding('sign.signature_value_invalid'));

  const cades = sig.subFilter === 'ETSI.CAdES.detached';
  const essV2 = check.signedAttribute(OID.signingCertificateV2);
  const essV1 = check.signedAttribute(OID.signingCertificate);
  const essOk = essV2 ? essNamesCertificate(essV2, signer, true) : essV1 ? essNamesCertificate(essV1, signer, false) : !cades;
  if (!essOk) findings.push(finding('sign.signing_certificate_mismatch'));

  const timestamp = await checkSignatureTimestamp(ctx, check);
  if (!timestamp) findings.push(finding('sign.timestamp_missing'));
  else if (!timestamp.valid) findings.push(finding('sign.timestamp_invalid'));

  const signingTimeAttribute = check.signedAttribute(OID.signingTime);
  const attributeTime =
    signingTimeAttribute && 'toDate' in signingTimeAttribute ? (signingTimeAttribute as { toDate(): Date }).toDate() : null;
  const checkedAt = timestamp?.valid ? timestamp.time : (sig.claimedTime ?? attributeTime ?? ctx.now);
  const problems = signingCertificateProblems(signer.info, checkedAt);
  for (const p of problems) findings.push(finding(p.code, p.params));

  // The chain is checked at a time the signer's certificate was valid, so an expired certificate is
  // reported once (above), not also as untrusted.
  const chainTime = checkedAt < signer.info.notBefore || checkedAt > signer.info.notAfter ? signer.info.notBefore : checkedAt;
  const trusted = await chainsToAnchor(signer, check.certificates, ctx.anchors, chainTime);
  if (!trusted) findings.push(finding('sign.certificate_untrusted'));

  return {
    signer,
    digestMatches: check.digestMatches,
    signatureValid: check.signatureValid,
    timestamp,
    trusted,
    checkedAt,
    level: cades ? (timestamp?.valid ? 'B-T' : 'B-B') : null,
  };
}

async function checkSignatureTimestamp(ctx: VerifyContext, check: SignerCheck): Promise<TimestampReport | null> {
  const attr = check.unsignedAttribute(OID.signatureTimeStampToken);
  if (!attr) return null;
  const signatureValue = new Uint8Array(check.signerInfo.signature.valueBlock.valueHexView);
  return checkToken(ctx, new Uint8Array(attr.toBER()), [signatureValue]);
}

async function checkToken(ctx: VerifyContext, token: Uint8Array, stamped: readonly Uint8Array[]): Promise<TimestampReport> {
  try {
    const t = checkTimestampToken(token, stamped);
    const trusted = t.tsaCertificate
      ? await chainsToAnchor(t.tsaCertificate, t.certificates, ctx.anchors, t.genTime)
      : false;
    return {
      time: t.genTime,
      valid: t.imprintMatches && t.signatureValid && t.tsaUsageValid && trusted,
      authority: t.tsaCertificate?.info ?? null,
    };
  } catch {
    return { time: ctx.now, valid: false, authority: null };
  }
}

/** A document timestamp (ETSI.RFC3161) is a token over the byte ranges; its TSA is the signer. */
async function verifyDocumentTimestamp(
  ctx: VerifyContext,
  sig: SignatureDictionary,
  parts: readonly Uint8Array[],
  findings: Finding[],
): Promise<CryptoResult> {
  const report = await checkToken(ctx, sig.contents!, parts);
  if (!report.valid) findings.push(finding('sign.timestamp_invalid'));
  return {
    signer: null,
    digestMatches: report.valid,
    signatureValid: report.valid,
    timestamp: report,
    trusted: report.valid,
    checkedAt: report.time,
    level: null,
  };
}

async function laterChanges(
  ctx: VerifyContext,
  end: number,
): Promise<{ revisions: number; signatures: number; changed: boolean }> {
  const revisions = ctx.revisions.markers.filter((m) => m >= end).length;
  const signatures = ctx.dictionaries.filter((d) => d.byteRange && d.byteRange[2] + d.byteRange[3] > end).length;
  if (end === ctx.pdf.length) return { revisions: 0, signatures: 0, changed: false };
  // Bytes after the last revision belong to no update at all: unsigned data appended to the file.
  if (!ctx.revisions.ends.has(ctx.pdf.length)) return { revisions, signatures, changed: true };
  let signed = ctx.signedRevisions.get(end);
  if (!signed) {
    signed = loadDocument(ctx.pdf.subarray(0, end), false);
    ctx.signedRevisions.set(end, signed);
  }
  let changed: boolean;
  try {
    changed = changedBeyondSignatures(ctx.doc, await signed, ctx.rootRef);
  } catch {
    // An earlier revision that cannot be read cannot be compared: treat as changed.
    changed = true;
  }
  return { revisions, signatures, changed };
}

function noCryptoResult(checkedAt: Date): CryptoResult {
  return { signer: null, digestMatches: false, signatureValid: false, timestamp: null, trusted: false, checkedAt, level: null };
}

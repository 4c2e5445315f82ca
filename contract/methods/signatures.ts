import { z } from 'zod';
import { method, type MethodSpec } from '../method-spec';
import { DocumentDetail } from '../schemas/records';
import { Empty, IsoDateTime, Uuid } from '../schemas/common';

/** PKCS#12 files of signature keys are small; the limit keeps a wrong file from filling the memory. */
const MAX_P12_BASE64 = 200_000;

/**
 * Where the signing key is. Passwords and PINs are used for this one call and never stored; the
 * PKCS#11 module (the card driver) comes from the signing configuration, not from the caller.
 */
export const SigningKey = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pkcs12'),
    fileBase64: z.string().min(1).max(MAX_P12_BASE64),
    password: z.string().max(1000),
  }),
  z.object({
    kind: z.literal('pkcs11'),
    tokenLabel: z.string().trim().min(1).max(200),
    pin: z.string().min(1).max(100),
    keyLabel: z.string().trim().min(1).max(200).optional(),
  }),
]);
export type SigningKey = z.infer<typeof SigningKey>;

export const CertificateSummary = z.object({
  subject: z.string(),
  commonName: z.string().nullable(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: IsoDateTime,
  notAfter: IsoDateTime,
  sha256Fingerprint: z.string(),
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;

export const SignatureFinding = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  /** German, for the panel. */
  text: z.string(),
});

/** One signature as verified: status after ETSI EN 319 102-1 and the facts it rests on. */
export const SignatureCheck = z.object({
  fieldName: z.string().nullable(),
  status: z.enum(['valid', 'invalid', 'indeterminate']),
  level: z.enum(['B-B', 'B-T']).nullable(),
  signer: CertificateSummary.nullable(),
  name: z.string().nullable(),
  reason: z.string().nullable(),
  location: z.string().nullable(),
  claimedSigningTime: IsoDateTime.nullable(),
  timestamp: z.object({ time: IsoDateTime, valid: z.boolean(), authority: z.string().nullable() }).nullable(),
  checkedAt: IsoDateTime,
  integrity: z.object({ byteRangeValid: z.boolean(), digestMatches: z.boolean(), signatureValid: z.boolean() }),
  certificateTrusted: z.boolean(),
  coversWholeFile: z.boolean(),
  changedAfterSigning: z.boolean(),
  laterSignatures: z.number().int(),
  findings: z.array(SignatureFinding),
});
export type SignatureCheck = z.infer<typeof SignatureCheck>;

/** The verdict per signature as people read it (panel and `eakte verify`). */
export const SIGNATURE_STATUS_DE = {
  valid: 'gültig',
  invalid: 'ungültig',
  indeterminate: 'nicht vollständig prüfbar',
} as const satisfies Record<SignatureCheck['status'], string>;

export const VerificationResult = z.object({
  versionUuid: Uuid,
  versionNo: z.number().int(),
  signatures: z.array(SignatureCheck),
  /** Whether a signature of this version waits for its timestamp (signed while the TSA was offline). */
  timestampPending: z.boolean(),
});
export type VerificationResult = z.infer<typeof VerificationResult>;

export const SignatureTimestampState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('added'), time: IsoDateTime }),
  z.object({ state: z.literal('pending'), reason: z.string(), message: z.string() }),
  z.object({ state: z.literal('not_requested') }),
]);

export const signaturesMethods = {
  /** Signs a stored version into a new version of the same document (PAdES B-B, or B-T with a TSA). */
  'signatures.sign': method({
    kind: 'command',
    input: z.object({
      versionUuid: Uuid,
      key: SigningKey,
      reason: z.string().trim().max(200).optional(),
      location: z.string().trim().max(200).optional(),
      /** 1-based page for a visible stamp; without it the signature is invisible. */
      stampPage: z.number().int().positive().optional(),
      /**
       * Electron only: keep the PKCS#12 password encrypted by the OS (safeStorage) for this key file, so
       * an empty password next time uses it. Elsewhere ignored: the password is asked every time.
       */
      rememberPassword: z.boolean().default(false),
    }),
    output: z.object({
      document: DocumentDetail,
      versionUuid: Uuid,
      fieldName: z.string(),
      level: z.enum(['B-B', 'B-T']),
      timestamp: SignatureTimestampState,
      signer: CertificateSummary,
    }),
    permission: 'records.write',
  }),
  /** Verifies every signature of a stored version; a command because every check goes into the audit log. */
  'signatures.verify': method({
    kind: 'command',
    input: z.object({ versionUuid: Uuid }),
    output: VerificationResult,
    permission: 'records.read',
  }),
  /** The signatures each version of a document carries, read without checking them. */
  'signatures.list': method({
    kind: 'query',
    input: z.object({ documentUuid: Uuid }),
    output: z.array(
      z.object({
        versionUuid: Uuid,
        versionNo: z.number().int(),
        timestampPending: z.boolean(),
        signatures: z.array(
          z.object({ fieldName: z.string().nullable(), name: z.string().nullable(), reason: z.string().nullable(), claimedSigningTime: IsoDateTime.nullable() }),
        ),
      }),
    ),
    permission: 'records.read',
  }),
  /** Whether this front end can keep a key file's password protected by the OS (Electron safeStorage). */
  'signatures.secretStorage': method({
    kind: 'query',
    input: Empty,
    output: z.object({ available: z.boolean() }),
    permission: 'session',
  }),
  /** Adds the timestamps that signing could not get while offline, each as a new version. */
  'signatures.upgradeTimestamps': method({
    kind: 'command',
    input: Empty,
    output: z.object({ upgraded: z.number().int(), pending: z.number().int(), failed: z.number().int(), errorCode: z.string().nullable() }),
    permission: 'records.write',
  }),
} as const satisfies Record<string, MethodSpec>;

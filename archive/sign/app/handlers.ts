import { AppError, isAppError } from '../../../contract/app-error';
import { germanMessage } from '../../../contract/errors';
import type { SignatureCheck, signaturesMethods } from '../../../contract/methods/signatures';
import type { HandlersFor } from '../../../core/api/handler-types';
import { changed, who } from '../../../core/api/handlers';
import { recordChange } from '../../../core/records/change';
import { getDocument, loadVisibleDocument, readVersionContent } from '../../../core/records/documents';
import { addDocumentVersion } from '../../../core/records/versions';
import { verifyPdf } from '../verify-pdf';
import { appSignConfig, maxPdfBytes, readTrustAnchors } from './config';
import { readSignatureFields } from './list-signatures';
import { openSigner } from './open-signer';
import { certificateSummary, signatureCheck } from './report';
import { signWithConfig } from './sign-with-config';
import { isTimestampPending, queueTimestamp, upgradePendingTimestamps } from './timestamp-queue';

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');

/** Which document a stored version belongs to (visibility is checked by readVersionContent). */
async function versionOwner(ctx: Parameters<typeof readVersionContent>[0], versionUuid: string) {
  const row = await ctx.store.reader.get<{ document_uuid: string; version_no: number; latest_no: number }>(
    `SELECT d.uuid AS document_uuid, dv.version_no,
            (SELECT MAX(version_no) FROM document_version WHERE document_id = dv.document_id) AS latest_no
     FROM document_version dv JOIN document d ON d.id = dv.document_id WHERE dv.uuid = ?`,
    [versionUuid],
  );
  return row!;
}

/**
 * Signing and verification of stored versions. Signing never changes a version: the signed PDF is a
 * new version through core/records (audit entry and outbox). Each verification is audited too.
 */
export const signaturesHandlers: HandlersFor<typeof signaturesMethods> = {
  'signatures.sign': async (ctx, input) => {
    const c = who(ctx);
    const config = appSignConfig(ctx);
    const content = await readVersionContent(c, input.versionUuid);
    const owner = await versionOwner(c, input.versionUuid);
    // A signature on an older version would become the newest and silently drop what came after it.
    if (owner.version_no !== owner.latest_no)
      throw new AppError('sign.version_not_latest', { latest: owner.latest_no }, 'signing an older version refused');
    const signer = await openSigner(input.key, config);
    let result;
    try {
      result = await signWithConfig(new Uint8Array(content.bytes), { ...input, signer, clock: ctx.clock }, config);
    } finally {
      signer.close();
    }
    const blob = await ctx.store.blobs.put(result.pdf);
    const { versionUuid } = await ctx.store.write(async (tx) => {
      const added = await addDocumentVersion(tx, c, owner.document_uuid, { blob, fileName: content.fileName, mimeType: 'application/pdf' }, {
        action: 'document.sign',
        details: {
          signedVersion: input.versionUuid,
          field: result.fieldName,
          level: result.level,
          timestamp: result.timestamp.state,
          keyKind: input.key.kind,
          certificate: result.certificate.sha256Fingerprint,
        },
      });
      if (result.timestamp.state === 'pending') await queueTimestamp(tx, added.versionUuid, result.fieldName, ctx.clock.now());
      return added;
    });
    ctx.logger.info('document signed', { document: owner.document_uuid, version: versionUuid, level: result.level, timestamp: result.timestamp.state });
    changed(ctx, 'document', owner.document_uuid);
    const ts = result.timestamp;
    return {
      document: await getDocument(ctx.store.reader, c.caller, owner.document_uuid),
      versionUuid,
      fieldName: result.fieldName,
      level: result.level,
      timestamp:
        ts.state === 'added'
          ? { state: 'added', time: ts.time.toISOString() }
          : ts.state === 'pending'
            ? { state: 'pending', reason: ts.reason, message: germanMessage(ts.reason) }
            : { state: 'not_requested' },
      signer: certificateSummary(result.certificate),
    };
  },

  'signatures.verify': async (ctx, { versionUuid }) => {
    const c = who(ctx);
    const config = appSignConfig(ctx);
    const content = await readVersionContent(c, versionUuid);
    const owner = await versionOwner(c, versionUuid);
    const doc = await loadVisibleDocument(ctx.store.reader, c.caller, owner.document_uuid);
    let outcome: string;
    let signatures: SignatureCheck[];
    try {
      const report = await verifyPdf(new Uint8Array(content.bytes), { trustAnchors: readTrustAnchors(config), clock: ctx.clock, maxBytes: maxPdfBytes(config) });
      signatures = report.signatures.map(signatureCheck);
      outcome = signatures.map((s) => s.status).join(',') || 'none';
    } catch (err) {
      outcome = isAppError(err) ? err.code : 'internal';
      throw err;
    } finally {
      // Failed checks are evidence too: the audit entry is written whatever the outcome.
      await ctx.store.write((tx) =>
        recordChange(tx, c, {
          action: 'document.verify_signatures',
          objectType: 'document',
          objectUuid: owner.document_uuid,
          amtId: doc.amt_id,
          details: { version: versionUuid, outcome },
        }),
      );
    }
    return { versionUuid, versionNo: owner.version_no, signatures, timestampPending: await isTimestampPending(ctx.store.reader, versionUuid) };
  },

  'signatures.list': async (ctx, { documentUuid }) => {
    const c = who(ctx);
    const detail = await getDocument(ctx.store.reader, c.caller, documentUuid);
    const out = [];
    for (const v of detail.versions) {
      const { bytes } = await readVersionContent(c, v.uuid);
      // Not every version is a PDF (and a broken one carries no readable signature).
      const signatures = isPdf(bytes) ? await readSignatureFields(new Uint8Array(bytes)).catch(() => []) : [];
      out.push({ versionUuid: v.uuid, versionNo: v.versionNo, timestampPending: await isTimestampPending(ctx.store.reader, v.uuid), signatures });
    }
    return out;
  },

  // Passwords are kept only by the Electron shell (electron/main/signing-secrets.ts), which answers this itself.
  'signatures.secretStorage': async () => ({ available: false }),

  'signatures.upgradeTimestamps': async (ctx) => {
    const c = who(ctx);
    return upgradePendingTimestamps(c, appSignConfig(ctx));
  },
};

import { AppError, isAppError } from '../../../contract/app-error';
import { documentVisibility } from '../../../core/access/policy';
import type { CallCtx } from '../../../core/records/context';
import { addDocumentVersion } from '../../../core/records/versions';
import type { Queryable, WriteTx } from '../../../core/store/db';
import { addPendingTimestamp } from '../timestamp-upgrade';
import { maxPdfBytes, type SignConfig } from './config';
import { timestampClientFor } from './sign-with-config';

/** Remembers a signature that got no timestamp because the TSA was unreachable. */
export async function queueTimestamp(tx: WriteTx, versionUuid: string, fieldName: string, now: Date): Promise<void> {
  await tx.run(
    `INSERT INTO sign_timestamp_queue (document_id, version_id, field_name, queued_at)
     SELECT document_id, id, ?, ? FROM document_version WHERE uuid = ?`,
    [fieldName, now.toISOString(), versionUuid],
  );
}

export async function isTimestampPending(q: Queryable, versionUuid: string): Promise<boolean> {
  const row = await q.get<{ n: number }>(
    `SELECT count(*) AS n FROM sign_timestamp_queue t JOIN document_version dv ON dv.id = t.version_id
     WHERE dv.uuid = ? AND t.state = 'pending'`,
    [versionUuid],
  );
  return (row?.n ?? 0) > 0;
}

interface PendingRow {
  id: number;
  document_uuid: string;
  version_uuid: string;
  blob_hash: string;
  file_name: string;
  mime_type: string;
  /** Another version came after the signed one: its /Contents may no longer be rewritten. */
  superseded: number;
}

export interface UpgradeOutcome {
  upgraded: number;
  pending: number;
  failed: number;
  errorCode: string | null;
}

/**
 * Adds the missing timestamps of the caller's visible documents, each as a new version. Stops at the
 * first unreachable TSA (the network is still down); a signature that can no longer take a timestamp
 * is marked failed with the reason. `ownOnly` limits it to the caller's own signatures (the background
 * upgrade acts for each signer in turn).
 */
export async function upgradePendingTimestamps(ctx: CallCtx, config: SignConfig, ownOnly = false): Promise<UpgradeOutcome> {
  const client = timestampClientFor(config);
  const vis = documentVisibility(ctx.caller);
  const rows = await ctx.store.reader.all<PendingRow>(
    `SELECT t.id, d.uuid AS document_uuid, dv.uuid AS version_uuid, dv.blob_hash, dv.file_name, dv.mime_type,
            EXISTS (SELECT 1 FROM document_version later WHERE later.document_id = dv.document_id AND later.version_no > dv.version_no) AS superseded
     FROM sign_timestamp_queue t JOIN document_version dv ON dv.id = t.version_id JOIN document d ON d.id = t.document_id
     LEFT JOIN akte a ON a.id = d.akte_id
     WHERE t.state = 'pending' AND ${vis.sql} ${ownOnly ? 'AND dv.created_by = ?' : ''} ORDER BY t.id`,
    ownOnly ? [...vis.params, ctx.caller.userId] : vis.params,
  );
  const outcome: UpgradeOutcome = { upgraded: 0, pending: rows.length, failed: 0, errorCode: null };
  if (!client || rows.length === 0) return outcome;
  for (const row of rows) {
    const now = ctx.clock.now().toISOString();
    try {
      if (row.superseded) throw new AppError('sign.timestamp_upgrade_blocked', {}, 'a later version exists');
      const pdf = await ctx.store.blobs.read(row.blob_hash);
      const result = await addPendingTimestamp(new Uint8Array(pdf), { timestamp: client, maxBytes: maxPdfBytes(config) });
      const blob = await ctx.store.blobs.put(result.pdf);
      await ctx.store.write(async (tx) => {
        const { versionId } = await addDocumentVersion(tx, ctx, row.document_uuid, { blob, fileName: row.file_name, mimeType: row.mime_type }, {
          action: 'document.sign_timestamp',
          details: { signedVersion: row.version_uuid, field: result.fieldName, timestampTime: result.time.toISOString(), ...(ownOnly ? { automatic: true } : {}) },
        });
        await tx.run(`UPDATE sign_timestamp_queue SET state = 'done', attempts = attempts + 1, last_attempt_at = ?, result_version_id = ? WHERE id = ?`, [
          now,
          versionId,
          row.id,
        ]);
      });
      // Open pages of the document show the timestamped version (the background round has no caller's UI).
      ctx.events.emit({ type: 'records.changed', objectType: 'document', uuid: row.document_uuid });
      outcome.upgraded++;
      outcome.pending--;
    } catch (err) {
      if (!isAppError(err)) throw err;
      const code = err.code;
      const retry = code === 'sign.timestamp_unreachable' || code === 'sign.timestamp_rejected';
      await ctx.store.write((tx) =>
        tx.run(`UPDATE sign_timestamp_queue SET state = ?, attempts = attempts + 1, last_attempt_at = ?, last_error = ? WHERE id = ?`, [
          retry ? 'pending' : 'failed',
          now,
          code,
          row.id,
        ]),
      );
      ctx.logger.warn('signature timestamp upgrade failed', { code, version: row.version_uuid });
      outcome.errorCode = code;
      if (retry) break;
      outcome.failed++;
      outcome.pending--;
    }
  }
  return outcome;
}

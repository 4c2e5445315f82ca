import { AppError } from '../../contract/app-error';
import { mayWriteAmt } from '../access/policy';
import type { BlobRef } from '../store/blobs/blob-store';
import type { Queryable, WriteTx } from '../store/db';
import { loadWritableAkte } from './akten';
import { recordChange } from './change';
import type { CallCtx } from './context';
import { loadVisibleDocument } from './documents';

/** A visible document the caller may change: its Akte writable, or (unfiled) a write grant for its Amt. */
export async function loadWritableDocument(q: Queryable, ctx: CallCtx, uuid: string) {
  const doc = await loadVisibleDocument(q, ctx.caller, uuid);
  if (doc.akte_uuid) await loadWritableAkte(q, ctx.caller, doc.akte_uuid);
  else if (!doc.amt_id || !mayWriteAmt(ctx.caller, doc.amt_id)) throw new AppError('access.denied', {}, 'no write grant for document');
  return doc;
}

/**
 * Adds a version after the last one; earlier versions stay as they are. `details` add to the audit
 * entry what made the version (e.g. a signature).
 */
export async function addDocumentVersion(
  tx: WriteTx,
  ctx: CallCtx,
  uuid: string,
  file: { blob: BlobRef; fileName: string; mimeType: string },
  change: { action?: string; details?: Record<string, unknown> } = {},
): Promise<{ versionUuid: string; versionId: number }> {
  const doc = await loadWritableDocument(tx, ctx, uuid);
  const now = ctx.clock.now().toISOString();
  const next = await tx.get<{ n: number }>('SELECT COALESCE(MAX(version_no), 0) + 1 AS n FROM document_version WHERE document_id = ?', [doc.id]);
  const versionUuid = ctx.ids.uuid();
  await tx.run('INSERT OR IGNORE INTO blob (hash, size, created_at) VALUES (?, ?, ?)', [file.blob.hash, file.blob.size, now]);
  const { lastID: versionId } = await tx.run(
    `INSERT INTO document_version (uuid, document_id, version_no, blob_hash, file_name, mime_type, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [versionUuid, doc.id, next?.n ?? 1, file.blob.hash, file.fileName, file.mimeType, ctx.caller.userId, now],
  );
  await tx.run('UPDATE document SET updated_at = ? WHERE id = ?', [now, doc.id]);
  await recordChange(tx, ctx, {
    action: change.action ?? 'document.version',
    objectType: 'document',
    objectUuid: uuid,
    amtId: doc.amt_id,
    details: { ...change.details, version: versionUuid, sha256: file.blob.hash, size: file.blob.size },
    outbox: { op: 'document.version', payload: { uuid, versionUuid, sha256: file.blob.hash } },
  });
  return { versionUuid, versionId };
}

import { AppError } from '../../contract/app-error';
import { mayWriteAmt } from '../../core/access/policy';
import { loadWritableAkte } from '../../core/records/akten';
import { recordChange } from '../../core/records/change';
import type { CallCtx } from '../../core/records/context';
import { loadVisibleDocument } from '../../core/records/documents';
import type { BlobRef } from '../../core/store/blobs/blob-store';
import type { WriteTx } from '../../core/store/db';
import { removeDocument } from './records';

/**
 * Clerk-side document changes the DMS must learn about: a new version, changed metadata, deletion.
 * Each writes its outbox row in the same transaction (recordChange), like every records change.
 */
async function writableDocument(tx: WriteTx, ctx: CallCtx, uuid: string) {
  const doc = await loadVisibleDocument(tx, ctx.caller, uuid);
  if (doc.akte_uuid) await loadWritableAkte(tx, ctx.caller, doc.akte_uuid);
  else if (!doc.amt_id || !mayWriteAmt(ctx.caller, doc.amt_id)) throw new AppError('access.denied', {}, 'no write grant for document');
  return doc;
}

export async function addDocumentVersion(
  tx: WriteTx,
  ctx: CallCtx,
  uuid: string,
  file: { blob: BlobRef; fileName: string; mimeType: string },
): Promise<{ versionUuid: string }> {
  const doc = await writableDocument(tx, ctx, uuid);
  const now = ctx.clock.now().toISOString();
  const next = await tx.get<{ n: number }>('SELECT COALESCE(MAX(version_no), 0) + 1 AS n FROM document_version WHERE document_id = ?', [doc.id]);
  const versionUuid = ctx.ids.uuid();
  await tx.run('INSERT OR IGNORE INTO blob (hash, size, created_at) VALUES (?, ?, ?)', [file.blob.hash, file.blob.size, now]);
  await tx.run(
    `INSERT INTO document_version (uuid, document_id, version_no, blob_hash, file_name, mime_type, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [versionUuid, doc.id, next?.n ?? 1, file.blob.hash, file.fileName, file.mimeType, ctx.caller.userId, now],
  );
  await tx.run('UPDATE document SET updated_at = ? WHERE id = ?', [now, doc.id]);
  await recordChange(tx, ctx, {
    action: 'document.version',
    objectType: 'document',
    objectUuid: uuid,
    amtId: doc.amt_id,
    details: { version: versionUuid, sha256: file.blob.hash, size: file.blob.size },
    outbox: { op: 'document.version', payload: { uuid, versionUuid, sha256: file.blob.hash } },
  });
  return { versionUuid };
}

export interface MetadataChange {
  title?: string;
  docType?: string | null;
  sender?: string | null;
  documentDate?: string | null;
}

export async function updateDocumentMetadata(tx: WriteTx, ctx: CallCtx, uuid: string, change: MetadataChange): Promise<void> {
  const doc = await writableDocument(tx, ctx, uuid);
  const next = {
    title: change.title ?? doc.title,
    doc_type: change.docType === undefined ? doc.doc_type : change.docType,
    sender: change.sender === undefined ? doc.sender : change.sender,
    document_date: change.documentDate === undefined ? doc.document_date : change.documentDate,
  };
  await tx.run('UPDATE document SET title = ?, doc_type = ?, sender = ?, document_date = ?, updated_at = ? WHERE id = ?', [
    next.title,
    next.doc_type,
    next.sender,
    next.document_date,
    ctx.clock.now().toISOString(),
    doc.id,
  ]);
  await tx.run('UPDATE document_text SET title = ?, sender = ? WHERE document_id = ?', [next.title, next.sender ?? '', doc.id]);
  await recordChange(tx, ctx, {
    action: 'document.update',
    objectType: 'document',
    objectUuid: uuid,
    amtId: doc.amt_id,
    details: { fields: Object.keys(change) },
    outbox: { op: 'document.update', payload: { uuid, fields: Object.keys(change) } },
  });
}

export async function deleteDocument(tx: WriteTx, ctx: CallCtx, uuid: string): Promise<void> {
  const doc = await writableDocument(tx, ctx, uuid);
  await removeDocument(tx, ctx.clock.now(), uuid, false);
  await recordChange(tx, ctx, {
    action: 'document.delete',
    objectType: 'document',
    objectUuid: uuid,
    amtId: doc.amt_id,
    outbox: { op: 'document.delete', payload: { uuid } },
  });
}

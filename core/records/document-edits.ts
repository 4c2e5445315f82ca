import { AppError } from '../../contract/app-error';
import type { WriteTx } from '../store/db';
import { recordChange } from './change';
import type { CallCtx } from './context';
import { loadWritableDocument } from './versions';

/**
 * The clerk's changes to a document's metadata and its deletion. Like every records change they write
 * the audit entry and the DMS outbox row in the same transaction (recordChange).
 */
export interface MetadataChange {
  title?: string;
  docType?: string | null;
  sender?: string | null;
  documentDate?: string | null;
}

export async function updateDocumentMetadata(tx: WriteTx, ctx: CallCtx, uuid: string, change: MetadataChange): Promise<void> {
  const doc = await loadWritableDocument(tx, ctx, uuid);
  // The previous values would be gone (the audit names only the fields); a new version keeps the old ones.
  await refuseUnderLegalHold(tx, doc.id, 'workspace.legal_hold_metadata');
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
  const fields = Object.keys(change).filter((k) => change[k as keyof MetadataChange] !== undefined);
  await recordChange(tx, ctx, {
    action: 'document.update',
    objectType: 'document',
    objectUuid: uuid,
    amtId: doc.amt_id,
    details: { fields },
    outbox: { op: 'document.update', payload: { uuid, fields } },
  });
}

/**
 * An Aufbewahrungssperre keeps the Akte's documents from destruction (as the Aussonderung deletion does):
 * none is deleted, nor taken out of the Akte (moved or returned to the Posteingang) where it could be,
 * nor are its metadata overwritten.
 */
export async function refuseUnderLegalHold(
  tx: WriteTx,
  documentId: number,
  code: 'records.legal_hold' | 'workspace.legal_hold_metadata' = 'records.legal_hold',
): Promise<void> {
  const hold = await tx.get<{ aktenzeichen: string; legal_hold: string | null }>(
    'SELECT a.aktenzeichen, a.legal_hold FROM document d JOIN akte a ON a.id = d.akte_id WHERE d.id = ?',
    [documentId],
  );
  if (hold?.legal_hold) throw new AppError(code, { aktenzeichen: hold.aktenzeichen }, 'document of an akte under legal hold');
}

export async function deleteDocument(tx: WriteTx, ctx: CallCtx, uuid: string): Promise<void> {
  const doc = await loadWritableDocument(tx, ctx, uuid);
  await refuseUnderLegalHold(tx, doc.id);
  await deleteDocumentRows(tx, doc.id);
  await recordChange(tx, ctx, {
    action: 'document.delete',
    objectType: 'document',
    objectUuid: uuid,
    amtId: doc.amt_id,
    outbox: { op: 'document.delete', payload: { uuid } },
  });
}

/** Removes a document with its versions, text and follow-ups; the audit chain keeps its history. */
export async function deleteDocumentRows(tx: WriteTx, documentId: number): Promise<void> {
  const versions = await tx.all<{ uuid: string }>('SELECT uuid FROM document_version WHERE document_id = ?', [documentId]);
  for (const v of versions) await deleteVersionRow(tx, v.uuid);
  await tx.run('DELETE FROM document_text WHERE document_id = ?', [documentId]);
  await tx.run('DELETE FROM wiedervorlage WHERE document_id = ?', [documentId]);
  await tx.run('DELETE FROM document WHERE id = ?', [documentId]);
}

/** Removes one version row; the blob stays (other versions or the archive may hold the same bytes). */
export async function deleteVersionRow(tx: WriteTx, versionUuid: string): Promise<void> {
  const row = await tx.get<{ id: number }>('SELECT id FROM document_version WHERE uuid = ?', [versionUuid]);
  if (!row) return;
  // Sidecar files of a version (intake) go with it.
  const sidecar = await tx.get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_version_sidecar'");
  if (sidecar) await tx.run('DELETE FROM document_version_sidecar WHERE version_id = ?', [row.id]);
  await tx.run('DELETE FROM document_version WHERE id = ?', [row.id]);
}

import { recordChange } from '../../core/records/change';
import type { CallCtx } from '../../core/records/context';
import { loadWritableDocument } from '../../core/records/versions';
import type { WriteTx } from '../../core/store/db';
import { removeDocument } from './records';

/**
 * Clerk-side document changes the DMS must learn about: a new version (core/records), changed
 * metadata, deletion. Each writes its outbox row in the same transaction (recordChange).
 */
export { addDocumentVersion } from '../../core/records/versions';

export interface MetadataChange {
  title?: string;
  docType?: string | null;
  sender?: string | null;
  documentDate?: string | null;
}

export async function updateDocumentMetadata(tx: WriteTx, ctx: CallCtx, uuid: string, change: MetadataChange): Promise<void> {
  const doc = await loadWritableDocument(tx, ctx, uuid);
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
  const doc = await loadWritableDocument(tx, ctx, uuid);
  await removeDocument(tx, ctx.clock.now(), uuid, false);
  await recordChange(tx, ctx, {
    action: 'document.delete',
    objectType: 'document',
    objectUuid: uuid,
    amtId: doc.amt_id,
    outbox: { op: 'document.delete', payload: { uuid } },
  });
}

import { AppError } from '../../contract/app-error';
import type { WriteTx } from '../store/db';
import { loadWritableAkte } from './akten';
import { recordChange } from './change';
import { refuseUnderLegalHold } from './document-edits';
import type { CallCtx } from './context';
import { loadVisibleDocument } from './documents';

/**
 * Takes a filed document out of its Vorgang and back into its Amt's Posteingang (e.g. undoing an
 * automatic filing). The Amt stays; the caller must be allowed to write the Akte it leaves.
 */
export async function returnToPosteingang(tx: WriteTx, ctx: CallCtx, uuid: string): Promise<void> {
  const doc = await loadVisibleDocument(tx, ctx.caller, uuid);
  if (doc.status !== 'abgelegt' || !doc.akte_uuid) {
    throw new AppError('records.not_found', { kind: 'Der abgelegte Stand des Dokuments' }, `document ${uuid} is not filed`);
  }
  const akte = await loadWritableAkte(tx, ctx.caller, doc.akte_uuid);
  await refuseUnderLegalHold(tx, doc.id);
  await tx.run(`UPDATE document SET status = 'eingang', akte_id = NULL, vorgang_id = NULL, updated_at = ? WHERE id = ?`, [
    ctx.clock.now().toISOString(),
    doc.id,
  ]);
  await recordChange(tx, ctx, {
    action: 'document.unfile',
    objectType: 'document',
    objectUuid: uuid,
    amtId: akte.amt_id,
    details: { from: doc.vorgang_uuid },
    outbox: { op: 'document.move', payload: { uuid, vorgangUuid: null } },
  });
}

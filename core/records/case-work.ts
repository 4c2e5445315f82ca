import { AppError } from '../../contract/app-error';
import { recordChange } from './change';
import { refuseUnderLegalHold } from './document-edits';
import type { CallCtx } from './context';
import { mayWriteAmt } from '../access/policy';
import { fileDocument, loadVisibleDocument } from './documents';
import type { DocumentSummaryRow } from './rows';
import type { WriteTx } from '../store/db';
import { endHandedOnWiedervorlagen } from './wiedervorlagen';

/**
 * Moves a filed document to another Vorgang (of the same or another Akte of its Amt). fileDocument
 * checks visibility, the Amt and that neither Akte is closed (zdA), and writes the audit entry.
 */
export async function moveDocument(tx: WriteTx, ctx: CallCtx, uuid: string, vorgangUuid: string): Promise<void> {
  const doc = await loadVisibleDocument(tx, ctx.caller, uuid);
  if (doc.status !== 'abgelegt') throw new AppError('workspace.not_filed', {}, 'move of a document still in the Posteingang');
  // Moving it out of an Akte under Aufbewahrungssperre would let it be deleted elsewhere.
  const sameAkte = await tx.get('SELECT 1 AS x FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE v.uuid = ? AND a.uuid = ?', [vorgangUuid, doc.akte_uuid]);
  if (!sameAkte) await refuseUnderLegalHold(tx, doc.id);
  await fileDocument(tx, ctx, uuid, vorgangUuid);
}

/** The post room hands an incoming document to an Amt (or corrects its choice while it is still incoming). */
export async function assignAmt(tx: WriteTx, ctx: CallCtx, uuid: string, amtId: string): Promise<void> {
  await reassignIncoming(tx, ctx, await loadVisibleDocument(tx, ctx.caller, uuid), amtId, 'document.assignAmt', {});
}

/**
 * A clerk forwards a letter that reached the wrong Amt. Afterwards it is that Amt's, so the clerk no
 * longer sees it; the reason goes into the audit trail for the receiving Amt to read.
 */
export async function forwardToAmt(tx: WriteTx, ctx: CallCtx, uuid: string, amtId: string, reason: string): Promise<void> {
  const doc = await loadVisibleDocument(tx, ctx.caller, uuid);
  if (!doc.amt_id || !mayWriteAmt(ctx.caller, doc.amt_id)) throw new AppError('access.denied', {}, `no write grant for amt ${doc.amt_id}`);
  if (doc.amt_id === amtId) throw new AppError('workspace.same_amt', { amtId }, 'forward to the own amt');
  await reassignIncoming(tx, ctx, doc, amtId, 'document.forward', { reason });
}

async function reassignIncoming(
  tx: WriteTx,
  ctx: CallCtx,
  doc: DocumentSummaryRow,
  amtId: string,
  action: 'document.assignAmt' | 'document.forward',
  details: Record<string, unknown>,
): Promise<void> {
  if (doc.status !== 'eingang') throw new AppError('records.not_found', { kind: 'Das Dokument im Posteingang' }, 'document already filed');
  const amt = await tx.get<{ id: string }>('SELECT id FROM amt WHERE id = ?', [amtId]);
  if (!amt) throw new AppError('records.not_found', { kind: `Amt ${amtId}` }, 'unknown amt');
  if (doc.amt_id === amtId) return;
  await tx.run('UPDATE document SET amt_id = ?, updated_at = ? WHERE id = ?', [amtId, ctx.clock.now().toISOString(), doc.id]);
  await endHandedOnWiedervorlagen(tx, ctx, doc.id, amtId);
  await recordChange(tx, ctx, {
    action,
    objectType: 'document',
    objectUuid: doc.uuid,
    amtId,
    details: { ...details, from: doc.amt_id, to: amtId },
    outbox: { op: 'document.update', payload: { uuid: doc.uuid, amtId } },
  });
}

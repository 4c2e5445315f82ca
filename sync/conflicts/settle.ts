import { appendAudit } from '../../core/audit/audit-log';
import type { WriteTx } from '../../core/store/db';
import { SYNC_ACTOR } from '../local/records';

/**
 * Conflicts that both sides have since settled alike: the DMS deleted the document while it had local
 * changes (`local_edit_remote_delete`), and then a clerk deleted it here as well. Neither side has the
 * document any more, so no clerk could see the conflict (visibility goes by the document's Amt) and the
 * local operations would wait for it for ever. Closed as the DMS's side, audited as the sync actor; the
 * waiting operations then end by themselves (the deletion finds nothing left to delete).
 */
export async function settleAgreedDeletions(tx: WriteTx, at: Date): Promise<void> {
  const settled = await tx.all<{ id: number; uuid: string; object_uuid: string; kind: string }>(
    `SELECT c.id, c.uuid, c.object_uuid, c.kind FROM sync_conflict c
     WHERE c.resolved_at IS NULL AND c.remote_state = 'null' AND NOT EXISTS (SELECT 1 FROM document d WHERE d.uuid = c.object_uuid)`,
  );
  for (const c of settled) {
    await tx.run(`UPDATE sync_conflict SET resolved_at = ?, resolution = 'keep_remote', resolved_by = ? WHERE id = ?`, [at.toISOString(), SYNC_ACTOR, c.id]);
    await appendAudit(tx, at, {
      actor: SYNC_ACTOR,
      action: 'sync.resolve_conflict',
      objectType: 'document',
      objectUuid: c.object_uuid,
      amtId: null,
      details: { conflict: c.uuid, kind: c.kind, resolution: 'keep_remote', reason: 'deleted_on_both_sides' },
    });
  }
}

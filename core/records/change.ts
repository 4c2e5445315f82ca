import { appendAudit } from '../audit/audit-log';
import type { WriteTx } from '../store/db';
import type { CallCtx } from './context';

export interface Change {
  action: string;
  objectType: 'akte' | 'vorgang' | 'document' | 'wiedervorlage' | 'posteingang' | 'user' | 'aktenplan';
  objectUuid: string;
  amtId: string | null;
  details?: Record<string, unknown>;
  /** What the central DMS must learn; absent for changes that stay local (e.g. Wiedervorlage). */
  outbox?: { op: string; payload: Record<string, unknown> };
}

/**
 * Every change to a record goes through here, inside the change's own transaction: the audit entry
 * and the outbox row commit or roll back together with it.
 */
export async function recordChange(tx: WriteTx, ctx: CallCtx, change: Change): Promise<void> {
  const at = ctx.clock.now();
  await appendAudit(tx, at, {
    actor: ctx.caller.username,
    action: change.action,
    objectType: change.objectType,
    objectUuid: change.objectUuid,
    amtId: change.amtId,
    details: change.details ?? {},
  });
  if (change.outbox) {
    await tx.run(
      `INSERT INTO outbox (op_id, object_type, object_uuid, op, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      [ctx.ids.uuid(), change.objectType, change.objectUuid, change.outbox.op, JSON.stringify(change.outbox.payload), at.toISOString()],
    );
  }
}

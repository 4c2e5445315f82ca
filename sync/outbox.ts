import type { Queryable, WriteTx } from '../core/store/db';

/** The durable queue of local operations, as the push sees it. */
export interface OutboxOp {
  id: number;
  op_id: string;
  object_type: string;
  object_uuid: string;
  op: string;
  payload: string;
  attempts: number;
  next_attempt_at: string | null;
  state: 'pending' | 'failed';
}

export type Outcome = 'applied' | 'already_applied' | 'superseded' | 'discarded' | 'not_synced';

/** Every unfinished operation in the order it was made; per object this order is kept when pushing. */
export const unfinishedOps = (q: Queryable) =>
  q.all<OutboxOp>(`SELECT id, op_id, object_type, object_uuid, op, payload, attempts, next_attempt_at, state FROM outbox WHERE state IN ('pending', 'failed') ORDER BY id`);

export async function finishOp(tx: WriteTx, opId: string, outcome: Outcome, at: Date): Promise<void> {
  await tx.run(`UPDATE outbox SET state = 'done', outcome = ?, done_at = ?, last_error = NULL, next_attempt_at = NULL WHERE op_id = ?`, [
    outcome,
    at.toISOString(),
    opId,
  ]);
  // Checked in: the session is over. Otherwise it may still hold a working copy (push/release.ts cancels it).
  if (outcome === 'applied' || outcome === 'already_applied') await tx.run('DELETE FROM sync_upload WHERE op_id = ?', [opId]);
}

/** Schedules the next try; after maxAttempts the operation stops as failed until a clerk retries it. */
export async function failOp(tx: WriteTx, op: OutboxOp, error: string, at: Date, maxAttempts: number, random: () => number): Promise<void> {
  const attempts = op.attempts + 1;
  const next = new Date(at.getTime() + backoffMs(attempts, random));
  await tx.run('UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ?, state = ? WHERE op_id = ?', [
    attempts,
    error.slice(0, 500),
    next.toISOString(),
    attempts >= maxAttempts ? 'failed' : 'pending',
    op.op_id,
  ]);
}

export const retryFailedOps = (tx: WriteTx) =>
  tx.run(`UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = NULL WHERE state = 'failed'`);

/**
 * Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at 5 minutes, each drawn from the upper half
 * of its interval, so many clients coming back after an outage do not knock at the same moment.
 */
export function backoffMs(attempt: number, random: () => number, baseMs = 1000, capMs = 300_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

import type { IntakeBatch, IntakeJob } from '../../contract/methods/intake';
import type { BatchOutcome } from '../sources';

const discarded = (j: IntakeJob) => j.error?.code === 'jobs.discarded';
const finishedOk = (j: IntakeJob) => j.status === 'done' || discarded(j);

/** A batch and its documents: still running, all finished, or stopped somewhere as a Klärfall. */
export function batchOutcome(batch: IntakeBatch): BatchOutcome {
  const all = [batch, ...batch.children];
  if (all.some((j) => j.status === 'queued' || j.status === 'running')) return 'pending';
  if (all.some((j) => (j.status === 'needs_review' || j.status === 'failed') && !discarded(j)))
    return 'review';
  return finishedOk(batch) ? 'done' : 'pending';
}

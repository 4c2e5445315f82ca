import { AppError } from '../../contract/app-error';
import type { IdGenerator } from '../platform/ids';
import type { WriteTx } from '../store/db';
import { finishParentIfComplete, insertJob, loadJob, setStatus } from './job-rows';
import { firstStage } from './pipeline';
import { newIdentities } from './runner';
import type { JobRecord, JobStatus, Json, Pipeline } from './types';

export interface JobRequest {
  subject: string;
  label: string;
  input: Json;
  createdBy: number | null;
}

/** Creates a queued job with its identities; wake the queue after the transaction commits. */
export async function createJob(
  tx: WriteTx,
  ids: IdGenerator,
  pipeline: Pipeline,
  req: JobRequest,
  now: Date,
): Promise<JobRecord> {
  const uuid = ids.uuid();
  const id = await insertJob(tx, {
    uuid,
    kind: pipeline.name,
    subject: req.subject,
    parent: null,
    firstStage: firstStage(pipeline),
    input: req.input,
    identities: newIdentities(pipeline, ids),
    label: req.label,
    createdBy: req.createdBy,
    now: now.toISOString(),
  });
  const job = await loadJob(tx, { id });
  if (!job) throw new Error(`job ${uuid} not readable after insert`);
  return job;
}

async function loadForChange(tx: WriteTx, uuid: string): Promise<JobRecord> {
  const job = await loadJob(tx, { uuid });
  if (!job) throw new AppError('jobs.not_found', {}, `job ${uuid} not found`);
  return job;
}

const isDiscarded = (job: JobRecord) => job.error?.code === 'jobs.discarded';

const refuse = (job: JobRecord, action: string, label: string) =>
  new AppError(
    'jobs.wrong_status',
    { status: job.status, action: label },
    `job ${job.uuid} cannot be ${action} in status ${job.status}`,
  );

/** A Klärfall or a crashed job is queued again; it continues at the stage where it stopped, with its ids. */
export async function retryJob(tx: WriteTx, uuid: string, now: Date): Promise<JobRecord> {
  const job = await loadForChange(tx, uuid);
  if (!(['needs_review', 'failed'] as JobStatus[]).includes(job.status) || isDiscarded(job)) {
    throw refuse(job, 'retried', 'erneut versucht');
  }
  await setStatus(tx, job.id, { status: 'queued', error: null }, now.toISOString(), [job.status]);
  // A parent that ended because this child had failed waits for it again.
  if (job.parentId !== null)
    await setStatus(tx, job.parentId, { status: 'waiting' }, now.toISOString(), ['done']);
  return (await loadJob(tx, { id: job.id })) as JobRecord;
}

/**
 * The post room decides not to take a job in: it ends as failed with `jobs.discarded`; its input (the
 * original) stays stored. A parent whose last open child is discarded is finished.
 */
export async function discardJob(tx: WriteTx, uuid: string, now: Date): Promise<JobRecord> {
  const job = await loadForChange(tx, uuid);
  if (!(['queued', 'needs_review', 'failed'] as JobStatus[]).includes(job.status) || isDiscarded(job)) {
    throw refuse(job, 'discarded', 'verworfen');
  }
  const at = now.toISOString();
  await setStatus(tx, job.id, { status: 'failed', error: { code: 'jobs.discarded', params: {} } }, at, [
    job.status,
  ]);
  if (job.parentId !== null) await finishParentIfComplete(tx, job.parentId, at);
  return (await loadJob(tx, { id: job.id })) as JobRecord;
}

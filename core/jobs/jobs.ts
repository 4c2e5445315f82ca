import { AppError } from '../../contract/app-error';
import type { IdGenerator } from '../platform/ids';
import type { WriteTx } from '../store/db';
import type { Store } from '../store/store';
import type { WorkFolders } from './work-folder';
import { finishParentIfComplete, finishStage, insertJob, loadJob, setStatus } from './job-rows';
import { firstStage, stageAfter } from './pipeline';
import { newIdentities, outputName } from './runner';
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

export interface HoldDecision {
  /** What the job continues with after the hold stage (the stage's output). */
  output: Json;
  /** Parts split off by the decision: new sibling jobs that continue after the hold stage too. */
  siblings?: { subject: string; label: string; input: Json }[];
}

/**
 * Records a person's decision at a hold stage as that stage's output (file and row, like any stage) and
 * queues the job again; split-off parts become new siblings with their own ids. Wake the queue after.
 */
export async function decideHold(
  deps: { store: Store; work: WorkFolders; ids: IdGenerator; now: Date },
  pipeline: Pipeline,
  uuid: string,
  stage: string,
  decision: HoldDecision,
): Promise<JobRecord[]> {
  const before = await loadJob(deps.store.reader, { uuid });
  if (!before) throw new AppError('jobs.not_found', {}, `job ${uuid} not found`);
  if (before.status !== 'waiting' || before.stage !== stage) throw refuse(before, 'decided', 'freigegeben');
  const next = stageAfter(pipeline, stage);
  const ref = await deps.work.write(
    before.uuid,
    outputName(stage),
    Buffer.from(JSON.stringify(decision.output), 'utf8'),
  );
  const at = deps.now.toISOString();
  return deps.store.write(async (tx) => {
    if (!(await setStatus(tx, before.id, { status: 'queued' }, at, ['waiting'])))
      throw refuse(before, 'decided', 'freigegeben');
    await finishStage(
      tx,
      before.id,
      { stage, outcome: 'done', outputFile: ref.file, outputSha256: ref.sha256 },
      next,
      at,
    );
    const created: JobRecord[] = [(await loadJob(tx, { id: before.id })) as JobRecord];
    if (decision.siblings?.length && before.parentId === null)
      throw new Error('only a child job can be split into siblings');
    for (const sibling of decision.siblings ?? []) {
      const max = await tx.get<{ n: number }>('SELECT max(child_no) AS n FROM job WHERE parent_id = ?', [
        before.parentId,
      ]);
      const id = await insertJob(tx, {
        uuid: deps.ids.uuid(),
        kind: before.kind,
        subject: sibling.subject,
        parent: { id: before.parentId as number, childNo: (max?.n ?? 0) + 1 },
        firstStage: next ?? stage,
        input: sibling.input,
        identities: newIdentities(pipeline, deps.ids),
        label: sibling.label,
        createdBy: before.createdBy,
        now: at,
      });
      created.push((await loadJob(tx, { id })) as JobRecord);
    }
    return created;
  });
}

import { errorTable, germanMessage, type ErrorCode, type ErrorParams } from '../../contract/errors';
import type { IntakeBatch, IntakeDocumentResult, IntakeJob, JobError } from '../../contract/methods/intake';
import { listJobs, stageRows, type JobRecord, type Pipeline } from '../../core/jobs';
import type { Queryable } from '../../core/store/db';
import type { DocumentInput, IntakeSource, Notice } from './model';

/** Maps stored jobs to the API's view: German texts for codes, every stage with its state. */

export const jobError = (code: ErrorCode, params: ErrorParams): JobError => ({
  code,
  params: { ...params },
  message: germanMessage(code, params),
  retryable: errorTable[code].retryable,
});

const isBatch = (job: JobRecord) => job.parentId === null;

function sourceOf(job: JobRecord): { source: IntakeSource; original: IntakeJob['original'] } {
  if (isBatch(job)) {
    const source = job.input as IntakeSource;
    return {
      source,
      original: {
        sha256: source.original.hash,
        size: source.original.size,
        fileName: source.original.fileName,
      },
    };
  }
  const { source, part } = job.input as DocumentInput;
  return { source, original: { sha256: part.file.hash, size: part.file.size, fileName: part.fileName } };
}

async function stagesOf(q: Queryable, pipeline: Pipeline, job: JobRecord): Promise<IntakeJob['stages']> {
  const rows = new Map((await stageRows(q, job.id)).map((r) => [r.stage, r]));
  const from = pipeline.stages.findIndex((s) => s.name === job.firstStage);
  const split = pipeline.stages.findIndex((s) => s.kind === 'split');
  // A batch runs up to its split; a document job from its first stage to the commit.
  const stages =
    isBatch(job) && split >= 0 ? pipeline.stages.slice(from, split + 1) : pipeline.stages.slice(from);
  return stages.map((s) => {
    const row = rows.get(s.name);
    if (row) return { name: s.name, state: row.outcome, finishedAt: row.finishedAt };
    if (job.stage === s.name && job.status === 'running')
      return { name: s.name, state: 'running', finishedAt: null };
    if (job.stage === s.name && job.status === 'waiting')
      return { name: s.name, state: 'waiting', finishedAt: null };
    if (job.stage === s.name && (job.status === 'needs_review' || job.status === 'failed'))
      return { name: s.name, state: 'stopped', finishedAt: null };
    return { name: s.name, state: 'pending', finishedAt: null };
  });
}

function noticesOf(job: JobRecord): JobError[] {
  const result = job.result as { notices?: Notice[] } | null;
  return isBatch(job) ? (result?.notices ?? []).map((n) => jobError(n.code, n.params)) : [];
}

export async function toIntakeJob(
  q: Queryable,
  pipeline: Pipeline,
  job: JobRecord,
  parentUuid: string | null,
): Promise<IntakeJob> {
  const { source, original } = sourceOf(job);
  return {
    uuid: job.uuid,
    parentUuid,
    label: job.label,
    status: job.status,
    stage: job.stage,
    attempt: job.attempt,
    error: job.error ? jobError(job.error.code, job.error.params) : null,
    stages: await stagesOf(q, pipeline, job),
    channel: source.posteingang.channel,
    sender: source.posteingang.sender,
    receivedAt: source.posteingang.receivedAt,
    original,
    notices: noticesOf(job),
    result: !isBatch(job) && job.status === 'done' ? (job.result as IntakeDocumentResult) : null,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

export async function toIntakeBatch(q: Queryable, pipeline: Pipeline, job: JobRecord): Promise<IntakeBatch> {
  const children = isBatch(job) ? (await listJobs(q, { parentId: job.id })).items : [];
  return {
    ...(await toIntakeJob(q, pipeline, job, null)),
    children: await Promise.all(children.map((c) => toIntakeJob(q, pipeline, c, job.uuid))),
  };
}

import { isAppError } from '../../contract/app-error';
import type { ErrorCode, ErrorParams } from '../../contract/errors';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/event-bus';
import { newRef, type IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { Store } from '../store/store';
import {
  finishParentIfComplete,
  finishStage,
  forgetStages,
  insertJob,
  loadJob,
  setStatus,
  stageRows,
} from './job-rows';
import { mapPool } from './pool';
import type { AnyStage, JobRecord, Json, Pipeline, StageContext } from './types';
import { WorkFileCorrupt, type WorkFolders } from './work-folder';

export interface RunnerDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly events: EventBus;
  readonly work: WorkFolders;
  /** Pages processed at once inside one job. */
  readonly pageConcurrency: number;
}

/** A stage's work file name: `recognize.p0003.ocr.json` for page 3, `split.out.json` without a page. */
export const workFileName = (stage: string, name: string, page?: number): string =>
  page === undefined ? `${stage}.${name}` : `${stage}.p${String(page + 1).padStart(4, '0')}.${name}`;

/** The work file a finished stage's output is written to. */
export const outputName = (stage: string) => `${stage}.out.json`;
const toBytes = (value: Json) => Buffer.from(JSON.stringify(value), 'utf8');

/** Generates the ids a job's commit will use; stored with the job so a retry reuses them. */
export const newIdentities = (p: Pipeline, ids: IdGenerator): Record<string, string> =>
  Object.fromEntries(p.identities.map((name) => [name, ids.uuid()]));

/**
 * Runs a claimed job from its first unfinished stage to the end, a split or a failure. Each finished
 * stage is recorded after its output file is complete; only the commit stage changes records, in the
 * transaction that marks the job done. A stage that throws an AppError stops the job at that stage
 * with `needs_review` (a Klärfall); an abort puts it back in the queue unchanged.
 */
export async function runJob(
  deps: RunnerDeps,
  pipeline: Pipeline,
  jobId: number,
  signal: AbortSignal,
): Promise<JobRecord> {
  const job = await loadJob(deps.store.reader, { id: jobId });
  if (!job) throw new Error(`job ${jobId} not found`);
  const log = deps.logger.child({ job: job.uuid, kind: job.kind, attempt: job.attempt });
  const now = () => deps.clock.now().toISOString();
  const stages = stagesOf(pipeline, job);
  let current = '';
  try {
    let { index, value } = await resumePoint(deps, job, stages);
    for (; index < stages.length; index++) {
      signal.throwIfAborted();
      const stage = stages[index] as AnyStage;
      current = stage.name;
      const next = stages[index + 1]?.name ?? null;
      const ctx = stageContext(deps, job, stage.name, signal, log);
      if (stage.kind === 'hold') {
        if (!stage.applies(value, job)) {
          await deps.store.write((tx) =>
            finishStage(
              tx,
              job.id,
              { stage: stage.name, outcome: 'skipped', outputFile: null, outputSha256: null },
              next,
              now(),
            ),
          );
          continue;
        }
        await deps.store.write((tx) => setStatus(tx, job.id, { status: 'waiting' }, now(), ['running']));
        log.info('job waits for a decision', { stage: stage.name });
        break;
      }
      if (stage.kind === 'transform') {
        if (stage.applies && !stage.applies(value, job)) {
          await deps.store.write((tx) =>
            finishStage(
              tx,
              job.id,
              { stage: stage.name, outcome: 'skipped', outputFile: null, outputSha256: null },
              next,
              now(),
            ),
          );
          log.info('stage skipped', { stage: stage.name });
          continue;
        }
        value = await stage.run(value, ctx);
        const ref = await deps.work.write(job.uuid, outputName(stage.name), toBytes(value));
        await deps.store.write((tx) =>
          finishStage(
            tx,
            job.id,
            { stage: stage.name, outcome: 'done', outputFile: ref.file, outputSha256: ref.sha256 },
            next,
            now(),
          ),
        );
        log.info('stage done', { stage: stage.name });
      } else if (stage.kind === 'split') {
        const { children: parts, summary } = await stage.run(value, ctx);
        const ref = await deps.work.write(job.uuid, outputName(stage.name), toBytes(parts));
        await deps.store.write(async (tx) => {
          for (const [childNo, part] of parts.entries()) {
            await insertJob(tx, {
              uuid: deps.ids.uuid(),
              kind: job.kind,
              subject: part.subject,
              parent: { id: job.id, childNo },
              firstStage: next ?? stage.name,
              input: part.input,
              identities: newIdentities(pipeline, deps.ids),
              label: part.label,
              createdBy: job.createdBy,
              now: now(),
            });
          }
          await finishStage(
            tx,
            job.id,
            { stage: stage.name, outcome: 'done', outputFile: ref.file, outputSha256: ref.sha256 },
            null,
            now(),
          );
          await setStatus(tx, job.id, { status: 'waiting', result: summary ?? null }, now());
          // A split into nothing (e.g. only blank pages) leaves nothing to wait for.
          await finishParentIfComplete(tx, job.id, now());
        });
        log.info('job split', { stage: stage.name, children: parts.length });
        break;
      } else {
        await deps.store.write(async (tx) => {
          const result = await stage.commit(value, { ...ctx, tx });
          await finishStage(
            tx,
            job.id,
            { stage: stage.name, outcome: 'done', outputFile: null, outputSha256: null },
            null,
            now(),
          );
          await setStatus(tx, job.id, { status: 'done', result: result ?? null }, now());
          if (job.parentId !== null) await finishParentIfComplete(tx, job.parentId, now());
        });
        log.info('job committed', { stage: stage.name });
      }
    }
  } catch (err) {
    await recordFailure(deps, job, current, err, signal, log);
  }
  const after = await loadJob(deps.store.reader, { id: job.id });
  if (!after) throw new Error(`job ${job.id} vanished`);
  deps.events.emit({ type: 'records.changed', objectType: 'job', uuid: job.uuid });
  return after;
}

/** The stages a job runs: from its first stage to the end of the pipeline. */
export function stagesOf(pipeline: Pipeline, job: JobRecord): readonly AnyStage[] {
  const first = pipeline.stages.findIndex((s) => s.name === job.firstStage);
  if (first < 0) throw new Error(`pipeline ${pipeline.name} has no stage ${job.firstStage}`);
  return pipeline.stages.slice(first);
}

/**
 * The index of the first unfinished stage and the output of the last finished one (the job's input
 * before any); throws WorkFileCorrupt when that output is gone.
 */
export async function currentValue(
  deps: Pick<RunnerDeps, 'store' | 'work'>,
  job: JobRecord,
  stages: readonly AnyStage[],
): Promise<{ index: number; value: Json }> {
  const rows = new Map((await stageRows(deps.store.reader, job.id)).map((r) => [r.stage, r]));
  let index = 0;
  let last: { file: string; sha256: string } | null = null;
  for (; index < stages.length; index++) {
    const row = rows.get((stages[index] as AnyStage).name);
    if (!row) break;
    if (row.outputFile && row.outputSha256) last = { file: row.outputFile, sha256: row.outputSha256 };
  }
  if (!last) return { index, value: job.input };
  return {
    index,
    value: JSON.parse((await deps.work.read({ job: job.uuid, ...last })).toString('utf8')) as Json,
  };
}

/** Where a job continues; when the work folder was lost, it starts over from its own input. */
async function resumePoint(
  deps: RunnerDeps,
  job: JobRecord,
  stages: readonly AnyStage[],
): Promise<{ index: number; value: Json }> {
  try {
    return await currentValue(deps, job, stages);
  } catch (err) {
    if (!(err instanceof WorkFileCorrupt)) throw err;
    deps.logger.warn('work files lost, job starts over', { job: job.uuid });
    await deps.work.remove(job.uuid);
    await deps.store.write((tx) => forgetStages(tx, job, deps.clock.now().toISOString()));
    return { index: 0, value: job.input };
  }
}

function stageContext(
  deps: RunnerDeps,
  job: JobRecord,
  stage: string,
  signal: AbortSignal,
  logger: Logger,
): StageContext {
  const fileName = (name: string, page?: number) => workFileName(stage, name, page);
  return {
    job,
    stage,
    signal,
    logger: logger.child({ stage }),
    clock: deps.clock,
    fileName,
    writeFile: (name, bytes, page) => deps.work.write(job.uuid, fileName(name, page), bytes),
    readFile: (ref) => deps.work.read(ref),
    pathOf: (ref) => deps.work.pathOf(ref),
    async once(name, page, compute) {
      const file = fileName(name, page);
      const done = await deps.work.readIfComplete(job.uuid, file);
      if (done) return JSON.parse(done.toString('utf8'));
      const value = await compute();
      await deps.work.write(job.uuid, file, toBytes(value));
      return value;
    },
    progress: (done, total) =>
      deps.events.emit({ type: 'job.progress', jobId: job.uuid, stage, done, total }),
    pool: (items, fn) => mapPool(items, deps.pageConcurrency, fn, signal),
  };
}

async function recordFailure(
  deps: RunnerDeps,
  job: JobRecord,
  stage: string,
  err: unknown,
  signal: AbortSignal,
  log: Logger,
): Promise<void> {
  const now = deps.clock.now().toISOString();
  if (signal.aborted) {
    // Shutting down is not a failure: the job continues at this stage with the next start.
    await deps.store.write((tx) =>
      setStatus(tx, job.id, { status: 'queued', error: null }, now, ['running']),
    );
    log.info('job interrupted', { stage });
    return;
  }
  let error: { code: ErrorCode; params: ErrorParams };
  let status: 'needs_review' | 'failed' = 'needs_review';
  if (isAppError(err)) {
    error = { code: err.code, params: err.params };
    log.warn(err.logMessage, { stage, code: err.code });
  } else if (err instanceof WorkFileCorrupt) {
    error = { code: 'jobs.work_file_missing', params: { stage } };
    log.warn(err.message, { stage });
  } else {
    const ref = newRef();
    status = 'failed';
    error = { code: 'jobs.stage_crashed', params: { stage, ref } };
    log.error('stage crashed', { stage, ref, stack: err instanceof Error ? err.stack : String(err) });
  }
  await deps.store.write((tx) => setStatus(tx, job.id, { status, error }, now));
}

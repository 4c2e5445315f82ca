import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../contract/app-error';
import type { Channel } from '../../contract/schemas/records';
import type { Caller } from '../../core/access';
import {
  createJob,
  createJobQueue,
  currentValue,
  decideHold,
  stagesOf,
  workFileName,
  listJobs,
  loadJob,
  WorkFolders,
  type FileRef,
  type JobQueue,
  type JobRecord,
  type Pipeline,
} from '../../core/jobs';
import type { CoreDeps } from '../../core/records/context';
import { downscale, rotateQuarter, toGray } from '../raster';
import { collectFiles, looksLikeMail } from '../sources';
import { createIntakePipeline, INTAKE_PIPELINE } from './intake-pipeline';
import type { DocumentPage, DocumentState, IntakeSource } from './model';
import { loadPageImage, savePageImage } from './page-files';
import { checkArrangement, turnedPage, type PageChoice } from './review';
import { defaultOcrSettings, type OcrSettings } from './settings';
import type { IntakeTools } from './tools';

export interface TakeInOptions {
  origin: IntakeSource['scan']['origin'];
  channel: Channel;
  sender: string | null;
  receivedAt: string | null;
  amtId: string | null;
  forceOcr: boolean;
  stamp: boolean;
  review: boolean;
  device: string | null;
}

export interface StartResult {
  batches: JobRecord[];
  rejected: { path: string; error: AppError }[];
}

export interface IntakeService {
  readonly pipeline: Pipeline;
  readonly queue: JobQueue;
  readonly settings: OcrSettings;
  /** Takes in files and folders; a path that cannot be read is rejected alone. */
  start(caller: Caller, paths: readonly string[], options: TakeInOptions): Promise<StartResult>;
  /** Takes in one file; the same content again returns the job that already has it (also for resuming). */
  takeIn(caller: Caller, path: string, options: TakeInOptions): Promise<JobRecord>;
  /** The pages of a document waiting for review, as recognised (for the post room's batch view). */
  reviewState(job: JobRecord): Promise<DocumentState>;
  /** Small grey PNG of a page, for thumbnails. */
  thumbnail(page: DocumentPage, maxWidth: number): Promise<Uint8Array>;
  /**
   * Releases a document waiting for review: as it is, or rearranged (pages reordered, turned, dropped,
   * split into further documents, each becoming its own job). Returns the job and any new ones.
   */
  revise(job: JobRecord, documents: readonly (readonly PageChoice[])[] | null): Promise<JobRecord[]>;
  /** Stops the queue (running jobs continue at the next start) and the OCR workers. */
  close(): Promise<void>;
}

const REVIEW = 'review';

const FINAL_OK = (j: JobRecord) => j.status === 'done' || j.error?.code === 'jobs.discarded';

/**
 * Intake for one data folder: reads sources into the blob store, creates one job per source file and
 * runs them through the intake pipeline on a persisted queue.
 */
export function createIntakeService(
  deps: CoreDeps,
  tools: IntakeTools,
  settings: OcrSettings = defaultOcrSettings,
): IntakeService {
  const pipeline = createIntakePipeline(deps, tools, settings);
  const work = new WorkFolders(join(deps.store.dataDir, 'work', 'jobs'));
  const queue = createJobQueue(
    { ...deps, work, pageConcurrency: settings.pageConcurrency },
    { concurrency: settings.jobConcurrency, pipelines: [pipeline] },
  );
  const now = () => deps.clock.now();
  let closing: Promise<void> | null = null;
  // page-files work on a stage context; outside stages (review) only reading and writing are needed.
  const fileAccess = { readFile: (ref: FileRef) => work.read(ref) };
  const writerFor = (jobUuid: string) => ({
    writeFile: (name: string, bytes: Uint8Array, page?: number) =>
      work.write(jobUuid, workFileName(REVIEW, name, page), bytes),
  });

  // Work folders go once a batch and all its documents are finished for good (Klärfälle keep theirs).
  queue.onSettled(async (job) => {
    if (
      job.status === 'done' &&
      job.result &&
      typeof job.result === 'object' &&
      'documentUuid' in job.result
    ) {
      deps.events.emit({
        type: 'records.changed',
        objectType: 'document',
        uuid: String(job.result.documentUuid),
      });
    }
    await cleanUp(job).catch((err: unknown) =>
      deps.logger.warn('work folder cleanup failed', {
        job: job.uuid,
        detail: err instanceof Error ? err.message : 'unknown',
      }),
    );
  });

  async function tree(job: JobRecord): Promise<{ root: JobRecord; children: JobRecord[] }> {
    const root = job.parentId === null ? job : await loadJob(deps.store.reader, { id: job.parentId });
    if (!root) throw new Error(`parent of job ${job.uuid} missing`);
    return { root, children: (await listJobs(deps.store.reader, { parentId: root.id })).items };
  }

  async function cleanUp(job: JobRecord): Promise<void> {
    const { root, children } = await tree(job);
    if (!FINAL_OK(root) || !children.every(FINAL_OK)) return;
    for (const j of [root, ...children]) await work.remove(j.uuid);
  }

  async function takeIn(caller: Caller, path: string, o: TakeInOptions): Promise<JobRecord> {
    let blob;
    try {
      blob = await deps.store.blobs.putStream(createReadStream(path));
    } catch (err) {
      const code =
        (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'intake.source_not_found'
          : 'intake.source_unreadable';
      throw new AppError(
        code,
        { path },
        `source not read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
        { cause: err },
      );
    }
    const fileName = basename(path);
    // An e-mail is recorded as such from the start (normalize also takes the sender from it).
    const channel = looksLikeMail(await deps.store.blobs.readRange(blob.hash, 0, 1024)) ? 'email' : o.channel;
    const job = await deps.store.write(async (tx) => {
      const known = await tx.get<{ uuid: string }>(
        `SELECT uuid FROM job WHERE kind = ? AND subject = ? AND parent_id IS NULL
           AND NOT (status = 'failed' AND error_code = 'jobs.discarded') ORDER BY id LIMIT 1`,
        [INTAKE_PIPELINE, blob.hash],
      );
      if (known) return (await loadJob(tx, { uuid: known.uuid })) as JobRecord;
      const at = now().toISOString();
      // The original is registered as a blob right away, so it stays retrievable whatever happens to the job.
      await tx.run('INSERT OR IGNORE INTO blob (hash, size, created_at) VALUES (?, ?, ?)', [
        blob.hash,
        blob.size,
        at,
      ]);
      const source: IntakeSource = {
        original: { ...blob, fileName },
        posteingang: { channel, sender: o.sender, receivedAt: o.receivedAt ?? at },
        scan: { origin: o.origin, device: o.device, operator: caller.username, takenAt: at },
        options: { forceOcr: o.forceOcr, stamp: o.stamp, amtId: o.amtId, review: o.review },
      };
      return createJob(
        tx,
        deps.ids,
        pipeline,
        { subject: blob.hash, label: fileName, input: source, createdBy: caller.userId },
        now(),
      );
    });
    queue.wake();
    return job;
  }

  return {
    pipeline,
    queue,
    settings,
    takeIn,
    async start(caller, paths, options) {
      const result: StartResult = { batches: [], rejected: [] };
      for (const item of await collectFiles(paths)) {
        if (item.kind === 'rejected') {
          result.rejected.push({ path: item.path, error: item.error });
          continue;
        }
        try {
          result.batches.push(await takeIn(caller, item.path, options));
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          result.rejected.push({ path: item.path, error: err });
        }
      }
      return result;
    },
    async reviewState(job) {
      if (job.status !== 'waiting' || job.stage !== REVIEW) {
        throw new AppError(
          'jobs.wrong_status',
          { status: job.status, action: 'geprüft' },
          `job ${job.uuid} is not waiting for review`,
        );
      }
      return (await currentValue({ store: deps.store, work }, job, stagesOf(pipeline, job)))
        .value as DocumentState;
    },
    async thumbnail(page, maxWidth) {
      const kept = page.kept ?? { image: page.image, dpi: page.dpi };
      const image = await loadPageImage(fileAccess, tools, kept.image, kept.dpi);
      const factor = Math.max(1, Math.ceil(image.raster.width / maxWidth));
      return tools.encodePng({ raster: downscale(toGray(image.raster), factor), dpi: image.dpi });
    },
    async revise(job, documents) {
      const state = await this.reviewState(job);
      let parts: DocumentState[] = [state];
      if (documents) {
        checkArrangement(state, documents);
        parts = [];
        for (const doc of documents) {
          const pages: DocumentPage[] = [];
          for (const choice of doc) {
            const page = state.pages.find((p) => p.index + 1 === choice.page) as DocumentPage;
            if (choice.rotate === 0 || !page.kept) {
              pages.push(page);
              continue;
            }
            // The turned image is written once per page and turn; the original stays for other choices.
            const image = await loadPageImage(fileAccess, tools, page.kept.image, page.kept.dpi);
            const turned = { raster: rotateQuarter(image.raster, choice.rotate), dpi: image.dpi };
            const ref = await savePageImage(
              writerFor(job.uuid),
              tools,
              `turned-${choice.rotate}.png`,
              page.index,
              turned,
            );
            pages.push(turnedPage(page, choice.rotate, ref));
          }
          parts.push({ ...state, pages });
        }
      }
      const [own, ...more] = parts as [DocumentState, ...DocumentState[]];
      const jobs = await decideHold(
        { store: deps.store, work, ids: deps.ids, now: now() },
        pipeline,
        job.uuid,
        REVIEW,
        {
          output: own,
          siblings: more.map((input, i) => ({
            subject: `${job.subject}+${i + 1}`,
            label: `${job.label} (${i + 2})`,
            input,
          })),
        },
      );
      queue.wake();
      return jobs;
    },
    close() {
      // Idempotent: the host closes the registered service, and a test may close its own first.
      closing ??= queue.stop().then(() => tools.close());
      return closing;
    },
  };
}

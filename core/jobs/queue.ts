import { claimJob, queuedJobs, requeueInterrupted } from './job-rows';
import { runJob, type RunnerDeps } from './runner';
import type { JobRecord, Pipeline } from './types';

export interface JobQueueOptions {
  /** Jobs run at once; pages inside a job have their own bound (RunnerDeps.pageConcurrency). */
  readonly concurrency: number;
  readonly pipelines: readonly Pipeline[];
}

export interface JobQueue {
  /** Queues jobs left running by a crash again and starts taking jobs. */
  start(): Promise<void>;
  /** Looks for queued jobs now (after creating or retrying jobs). */
  wake(): void;
  /** Aborts running stages (their jobs are queued again) and waits until they have stopped. */
  stop(): Promise<void>;
  /** Resolves when no job is queued or running any more. */
  idle(): Promise<void>;
  /**
   * Called after each run of a job with its new state (done, waiting, needs_review, failed, queued). The
   * run counts as finished (for idle() and stop()) once the listeners' promises have settled.
   */
  onSettled(listener: (job: JobRecord) => void | Promise<void>): () => void;
}

/**
 * Takes queued jobs in creation order and runs them through their pipeline; jobs on the same subject
 * run one at a time. One queue per data folder (the instance lock guarantees it), so jobs found
 * running at start were interrupted and continue at their first unfinished stage.
 */
export function createJobQueue(deps: RunnerDeps, opts: JobQueueOptions): JobQueue {
  const pipelines = new Map(opts.pipelines.map((p) => [p.name, p]));
  const abort = new AbortController();
  const running = new Map<number, { subject: string; done: Promise<void> }>();
  const listeners = new Set<(job: JobRecord) => void | Promise<void>>();
  let idleWaiters: (() => void)[] = [];
  let started = false;
  let stopped = false;
  let scanning: Promise<void> | null = null;
  let rescan = false;

  const now = () => deps.clock.now().toISOString();

  async function scan(): Promise<void> {
    do {
      rescan = false;
      while (!stopped && running.size < opts.concurrency) {
        const busy = new Set([...running.values()].map((r) => r.subject));
        const candidates = await queuedJobs(deps.store.reader, opts.concurrency + busy.size + 32);
        const next = candidates.find((c) => !busy.has(c.subject) && !running.has(c.id));
        if (!next) break;
        if (!(await deps.store.write((tx) => claimJob(tx, next.id, now())))) continue;
        launch(next.id, next.subject);
      }
    } while (rescan && !stopped);
    if (running.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  function launch(id: number, subject: string) {
    const done = (async () => {
      const job = await deps.store.reader.get<{ kind: string }>('SELECT kind FROM job WHERE id = ?', [id]);
      const pipeline = job && pipelines.get(job.kind);
      if (!pipeline) throw new Error(`no pipeline for job ${id} (${job?.kind ?? 'missing'})`);
      const after = await runJob(deps, pipeline, id, abort.signal);
      await Promise.all([...listeners].map((l) => l(after)));
    })()
      .catch((err: unknown) =>
        deps.logger.error('job run failed', {
          jobId: id,
          stack: err instanceof Error ? err.stack : String(err),
        }),
      )
      .finally(() => {
        running.delete(id);
        wake();
      });
    running.set(id, { subject, done });
  }

  function wake() {
    if (!started || stopped) return;
    if (scanning) {
      rescan = true;
      return;
    }
    scanning = scan()
      .catch((err: unknown) =>
        deps.logger.error('job queue scan failed', { stack: err instanceof Error ? err.stack : String(err) }),
      )
      .finally(() => {
        scanning = null;
      });
  }

  return {
    async start() {
      if (started) return;
      started = true;
      const requeued = await deps.store.write((tx) => requeueInterrupted(tx, now()));
      if (requeued) deps.logger.info('interrupted jobs queued again', { count: requeued });
      wake();
    },
    wake,
    async stop() {
      stopped = true;
      abort.abort();
      await scanning;
      await Promise.all([...running.values()].map((r) => r.done));
      for (const w of idleWaiters.splice(0)) w();
    },
    async idle() {
      for (;;) {
        if (stopped || !started) return;
        await scanning;
        const queued = await queuedJobs(deps.store.reader, 1);
        if (running.size === 0 && queued.length === 0 && !scanning) return;
        await new Promise<void>((resolve) => {
          idleWaiters.push(resolve);
          wake();
        });
      }
    },
    onSettled(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

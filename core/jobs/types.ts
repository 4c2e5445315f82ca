import type { ErrorCode, ErrorParams } from '../../contract/errors';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { WriteTx } from '../store/db';

export const JOB_STATUSES = ['queued', 'running', 'waiting', 'needs_review', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Job inputs, stage outputs and results are stored as JSON (files and rows), so they must be plain data:
 * no Dates, Buffers or class instances. Typed as `unknown` at the runner, as the pipeline's types above it.
 */
export type Json = unknown;

/** A job as stored; `input` and `identities` are fixed when the job is created. */
export interface JobRecord {
  readonly id: number;
  readonly uuid: string;
  readonly kind: string;
  readonly subject: string;
  readonly parentId: number | null;
  readonly childNo: number | null;
  readonly firstStage: string;
  /** The first unfinished stage; null once all are finished. */
  readonly stage: string | null;
  readonly status: JobStatus;
  readonly attempt: number;
  readonly error: { code: ErrorCode; params: ErrorParams } | null;
  readonly input: Json;
  /** Ids chosen at creation (document UUIDs …): a retry reuses them, so records are never made twice. */
  readonly identities: Readonly<Record<string, string>>;
  readonly result: Json | null;
  readonly label: string;
  readonly createdBy: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface StageRecord {
  readonly stage: string;
  readonly outcome: 'done' | 'skipped';
  readonly outputFile: string | null;
  readonly outputSha256: string | null;
  readonly finishedAt: string;
}

/** A file in some job's work folder, named by job and relative path and pinned by its SHA-256. */
export interface FileRef {
  readonly job: string;
  readonly file: string;
  readonly sha256: string;
}

/** What a stage gets besides its input; stages never touch job tables or records. */
export interface StageContext {
  readonly job: JobRecord;
  readonly stage: string;
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly clock: Clock;
  /** The work-folder file name for `name`, prefixed with the page number when one is given. */
  fileName(name: string, page?: number): string;
  /** Writes a file of this job's work folder (temp name, fsync, rename) and returns its reference. */
  writeFile(name: string, bytes: Uint8Array, page?: number): Promise<FileRef>;
  /** Reads a work file and checks its SHA-256. */
  readFile(ref: FileRef): Promise<Buffer>;
  /** Absolute path of a work file, for tools that read from disk; the caller verifies nothing. */
  pathOf(ref: FileRef): string;
  /**
   * Computes a JSON result once: a result that an interrupted earlier run finished is read back instead
   * (per-page work such as OCR is not redone after a crash).
   */
  once<T>(name: string, page: number | undefined, compute: () => Promise<T>): Promise<T>;
  /** Reports progress inside the stage (one step per page); sent to front ends as `job.progress`. */
  progress(done: number, total: number): void;
  /** Runs `fn` over the items through the job's bounded pool, keeping the order of results. */
  pool<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]>;
}

export interface CommitContext extends StageContext {
  readonly tx: WriteTx;
}

/** A stage turns the previous stage's output into its own; the output is persisted as JSON. */
export interface TransformStage<I, O> {
  readonly kind: 'transform';
  readonly name: string;
  run(input: I, ctx: StageContext): Promise<O>;
}

/** A stage that may not apply to a job; when it does not, its input passes on and it is recorded as skipped. */
export interface OptionalStage<T> {
  readonly kind: 'transform';
  readonly name: string;
  applies(input: T, job: JobRecord): boolean;
  run(input: T, ctx: StageContext): Promise<T>;
}

export interface ChildSpec<C> {
  readonly subject: string;
  readonly label: string;
  readonly input: C;
}

/**
 * Creates one child job per part (one per document of a scan batch); the children start at the next
 * stage and the parent waits until they are finished.
 */
export interface SplitStage<I, C> {
  readonly kind: 'split';
  readonly name: string;
  /** `summary` becomes the parent's result (e.g. notices about parts that were left out). */
  run(input: I, ctx: StageContext): Promise<{ children: ChildSpec<C>[]; summary: Json }>;
}

/**
 * A point where a person decides (e.g. the post room rearranges pages): when it applies, the job waits
 * there; the decision becomes the stage's output (see decideHold) and the job goes on.
 */
export interface HoldStage<T> {
  readonly kind: 'hold';
  readonly name: string;
  applies(input: T, job: JobRecord): boolean;
}

/** The only stage that changes records: runs in the transaction that also marks the job done. */
export interface CommitStage<I, R> {
  readonly kind: 'commit';
  readonly name: string;
  commit(input: I, ctx: CommitContext): Promise<R>;
}

/** Type-erased stage as the runner holds it. */
export type AnyStage =
  | {
      kind: 'transform';
      name: string;
      applies?: (input: Json, job: JobRecord) => boolean;
      run(input: Json, ctx: StageContext): Promise<Json>;
    }
  | {
      kind: 'split';
      name: string;
      run(input: Json, ctx: StageContext): Promise<{ children: ChildSpec<Json>[]; summary: Json }>;
    }
  | { kind: 'hold'; name: string; applies(input: Json, job: JobRecord): boolean }
  | { kind: 'commit'; name: string; commit(input: Json, ctx: CommitContext): Promise<Json> };

export interface Pipeline {
  /** Also the job kind of every job that runs it. */
  readonly name: string;
  readonly stages: readonly AnyStage[];
  /** Names of the ids each job gets at creation (e.g. `documentUuid`). */
  readonly identities: readonly string[];
}

import { z } from 'zod';
import { AmtId, IsoDateTime, Page, Sha256Hex, Uuid, listOf } from '../schemas/common';
import { Channel } from '../schemas/records';
import { ReadPath } from '../fs-paths';
import { method, type MethodSpec } from '../method-spec';

export const JobStatus = z.enum(['queued', 'running', 'waiting', 'needs_review', 'done', 'failed']);
export type JobStatus = z.infer<typeof JobStatus>;

/** An error or notice with its code, parameters and German text (as in the API envelope). */
export const JobError = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
  retryable: z.boolean(),
});
export type JobError = z.infer<typeof JobError>;

/** Each stage of the job's pipeline part, so skipped stages are visible. */
export const JobStage = z.object({
  name: z.string(),
  /** waiting: the job waits at this stage for a decision (review). */
  state: z.enum(['done', 'skipped', 'pending', 'running', 'waiting', 'stopped']),
  finishedAt: IsoDateTime.nullable(),
});

/** The file as it arrived; kept unchanged in the blob store, also for Klärfälle. */
export const IntakeOriginal = z.object({
  sha256: Sha256Hex,
  size: z.number().int().nonnegative(),
  fileName: z.string(),
});

/** What intake made of one document. */
export const IntakeDocumentResult = z.object({
  documentUuid: Uuid,
  /** The stored file (PDF/A, or the e-mail as it arrived): download via /files/version/<versionUuid>. */
  versionUuid: Uuid,
  sha256: Sha256Hex,
  title: z.string(),
  /** Pages of the stored PDF, after separator sheets and blank backs were removed. */
  pages: z.number().int().nonnegative(),
  /** 1-based page numbers of the source batch that were dropped as blank. */
  blankPagesRemoved: z.array(z.number().int().positive()),
  ocr: z.object({
    performed: z.boolean(),
    /** Why OCR did not run: the PDF already had a text layer, or the file is not a page image (e-mail). */
    skippedReason: z.enum(['text_layer', 'not_an_image']).nullable(),
    pagesRecognized: z.number().int().nonnegative(),
    /** Mean word confidence 0–100 over recognised pages; null without OCR. */
    meanConfidence: z.number().nullable(),
  }),
  textLength: z.number().int().nonnegative(),
  /** Pre-assigned by a separator sheet (`EAKTE:AZ=…`). */
  aktenzeichen: z.string().nullable(),
  mimeType: z.string(),
});
export type IntakeDocumentResult = z.infer<typeof IntakeDocumentResult>;

export const IntakeJob = z.object({
  uuid: Uuid,
  parentUuid: Uuid.nullable(),
  /** File name, attachment name or "Teil n" of a batch. */
  label: z.string(),
  status: JobStatus,
  stage: z.string().nullable(),
  attempt: z.number().int().nonnegative(),
  error: JobError.nullable(),
  stages: z.array(JobStage),
  channel: Channel,
  sender: z.string().nullable(),
  receivedAt: IsoDateTime,
  original: IntakeOriginal,
  /** Notices that did not stop the job (blocked e-mail attachments, a wrong file extension …). */
  notices: z.array(JobError),
  result: IntakeDocumentResult.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type IntakeJob = z.infer<typeof IntakeJob>;

/** A source file with the documents (child jobs) it was split into. */
export const IntakeBatch = IntakeJob.extend({ children: z.array(IntakeJob) });
export type IntakeBatch = z.infer<typeof IntakeBatch>;


/** The hot folder the app watches for the scanners (the post room starts and stops it). */
export const HotFolderStatus = z.object({
  /** The watched folder; null when none is set. */
  path: z.string().nullable(),
  /** The machine config's `hotFolder`, offered when none is watched. */
  configured: z.string().nullable(),
  running: z.boolean(),
  lastTaken: z.object({ name: z.string(), at: IsoDateTime }).nullable(),
  /** Files lying in the folder at the last look, not yet taken (still being written ones included). */
  waiting: z.number().int().nonnegative(),
  /** Files taken whose documents are not finished yet. */
  inProgress: z.number().int().nonnegative(),
  lastError: JobError.extend({ at: IsoDateTime }).nullable(),
});
export type HotFolderStatus = z.infer<typeof HotFolderStatus>;

/** What the post room says about mail it takes in (files and scans alike). */
const takeInOptions = {
  /** Paper scans by default; `.eml` files are always e-mail. */
  channel: Channel.default('papier'),
  sender: z.string().trim().max(300).optional(),
  /** Eingangsdatum; defaults to now. */
  receivedAt: IsoDateTime.optional(),
  /** Target Amt when the post room already knows it. */
  amtId: AmtId.optional(),
  /** OCR even pages that already have a text layer. */
  forceOcr: z.boolean().default(false),
  /** Print a visible Eingangsstempel on page 1 (the date is always in the metadata). */
  stamp: z.boolean().default(false),
  /** Scanner or source name for the scan protocol. */
  device: z.string().trim().max(200).optional(),
  /** Scanned documents wait after OCR so the post room can rearrange pages (intake.reviseDocument). */
  review: z.boolean().default(false),
};

export const ScannerDevice = z.object({
  id: z.string(),
  vendor: z.string(),
  model: z.string(),
  type: z.string(),
  capabilities: z.object({
    resolutions: z.union([
      z.object({ list: z.array(z.number()) }),
      z.object({ min: z.number(), max: z.number() }),
    ]),
    defaultResolution: z.number().nullable(),
    modes: z.array(z.string()),
    sources: z.array(z.string()),
    adf: z.boolean(),
    duplex: z.boolean(),
  }),
});
export type ScannerDevice = z.infer<typeof ScannerDevice>;

/**
 * The post room's intake: files and folders are taken in as jobs (detect → normalize → split → analyze →
 * preprocess → recognize → assemble → commit); progress comes as `job.progress` events and status
 * changes as `records.changed` with objectType `job`.
 *
 * Sources are paths on the machine that runs the core: Electron (dropped files carry their paths) and the
 * CLI pass them directly. Browser mode uploads bytes first (see ocr/sources/README.md).
 */
export const intakeMethods = {
  'intake.start': method({
    kind: 'command',
    input: z
      .object({
        paths: z.array(ReadPath).max(1000).default([]),
        /** Browser mode: files sent before with `PUT /files/upload` (ids from its answer). */
        uploads: z.array(Uuid).max(1000).default([]),
        ...takeInOptions,
        /** Dropped or chosen files, or a hot folder the scanners write into (scan protocol). */
        origin: z.enum(['datei', 'eingangsordner']).default('datei'),
      })
      .refine((i) => i.paths.length + i.uploads.length > 0, { message: 'paths or uploads required' }),
    output: z.object({
      batches: z.array(IntakeBatch),
      /** Paths that could not even be read (missing, no permission); everything else becomes a job. */
      rejected: z.array(z.object({ path: z.string(), error: JobError })),
    }),
    permission: 'posteingang.write',
  }),
  /** Scanners attached to the machine that runs the core (SANE on Linux, WIA on Windows). */
  'intake.listScanners': method({
    kind: 'query',
    input: z.object({}),
    output: z.object({ devices: z.array(ScannerDevice) }),
    permission: 'posteingang.write',
  }),
  /** Scans a stack and takes it in as one batch (like a file with the same options). */
  'intake.scan': method({
    kind: 'command',
    input: z.object({
      deviceId: z.string().min(1).max(300),
      resolution: z.number().int().min(50).max(1200).optional(),
      mode: z.string().max(50).optional(),
      /** Paper source as the device names it (flatbed, feeder, duplex feeder). */
      source: z.string().max(100).optional(),
      /** Sheets to take; a feeder runs until it is empty when not given. */
      maxPages: z.number().int().min(1).max(500).optional(),
      ...takeInOptions,
    }),
    output: z.object({ batches: z.array(IntakeBatch) }),
    permission: 'posteingang.write',
  }),
  'intake.listJobs': method({
    kind: 'query',
    input: Page.extend({ status: z.array(JobStatus).max(6).optional() }),
    output: listOf(IntakeBatch),
    permission: 'posteingang.read',
  }),
  'intake.getJob': method({
    kind: 'query',
    input: z.object({ uuid: Uuid }),
    output: IntakeBatch,
    permission: 'posteingang.read',
  }),
  /** Jobs stopped with a code (needs_review or failed, not discarded), newest first. */
  'intake.listKlaerfaelle': method({
    kind: 'query',
    input: Page,
    output: listOf(IntakeJob),
    permission: 'posteingang.read',
  }),
  /** A document waiting for review: its pages with thumbnails, as recognised. */
  'intake.getReview': method({
    kind: 'query',
    input: z.object({ uuid: Uuid }),
    output: z.object({
      uuid: Uuid,
      label: z.string(),
      /** 1-based page numbers of the source batch already dropped as blank backs. */
      blankPagesRemoved: z.array(z.number().int().positive()),
      pages: z.array(
        z.object({
          /** 1-based page number in the source file: how pages are named in reviseDocument. */
          page: z.number().int().positive(),
          width: z.number(),
          height: z.number(),
          /** Clockwise turn already applied (automatic orientation). */
          rotation: z.number().int(),
          confidence: z.number().nullable(),
          textPreview: z.string(),
          /** A small grey PNG, `data:image/png;base64,…` (about 200 px wide). */
          thumbnail: z.string(),
        }),
      ),
    }),
    permission: 'posteingang.read',
  }),
  /**
   * Releases a document waiting for review, as it is (no `documents`) or rearranged: each inner list is
   * one document with its pages in order and an extra clockwise turn; pages left out are dropped; the
   * second and further documents become jobs of their own.
   */
  'intake.reviseDocument': method({
    kind: 'command',
    input: z.object({
      uuid: Uuid,
      documents: z
        .array(
          z
            .array(
              z.object({
                page: z.number().int().positive(),
                rotate: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).default(0),
              }),
            )
            .min(1)
            .max(1000),
        )
        .min(1)
        .max(200)
        .optional(),
    }),
    output: z.object({ jobs: z.array(IntakeJob) }),
    permission: 'posteingang.write',
  }),
  'intake.retryJob': method({
    kind: 'command',
    input: z.object({ uuid: Uuid }),
    output: IntakeJob,
    permission: 'posteingang.write',
  }),
  'intake.discardJob': method({
    kind: 'command',
    input: z.object({ uuid: Uuid }),
    output: IntakeJob,
    permission: 'posteingang.write',
  }),
  'intake.hotFolderStatus': method({ kind: 'query', input: z.object({}), output: HotFolderStatus, permission: 'posteingang.write' }),
  /** Watches a folder from now on, also after a restart, taking files in as the caller (origin Eingangsordner). */
  'intake.watchHotFolder': method({
    kind: 'command',
    input: z.object({ path: ReadPath }),
    output: HotFolderStatus,
    permission: 'posteingang.write',
  }),
  'intake.stopHotFolder': method({ kind: 'command', input: z.object({}), output: HotFolderStatus, permission: 'posteingang.write' }),
} as const satisfies Record<string, MethodSpec>;

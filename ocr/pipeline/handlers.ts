import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../contract/app-error';
import type { z } from 'zod';
import type { intakeMethods } from '../../contract/methods/intake';
import { hasRole, type Caller } from '../../core/access';
import type { HandlerCtx, HandlersFor } from '../../core/api/handler-types';
import { discardJob, listJobs, loadJob, retryJob, type JobRecord } from '../../core/jobs';
import { createScanner } from '../scanner';
import { pagesToPdf } from '../scanner/scan-pdf';
import { removeUpload, uploadPath } from '../../core/store/uploads';
import { hotFolderStatus, stopHotFolder, watchHotFolder } from './app-hot-folder';
import { jobError, toIntakeBatch, toIntakeJob } from './job-view';
import type { IntakeService, TakeInOptions } from './service';
import { startIntakeService } from './start';

const THUMBNAIL_WIDTH = 200;

const callerOf = (ctx: HandlerCtx): Caller => {
  if (!ctx.caller) throw new AppError('auth.not_logged_in', {}, 'no caller');
  return ctx.caller;
};

const service = (ctx: HandlerCtx): Promise<IntakeService> => startIntakeService(ctx);

/** What a file drop and a scan say alike about the mail (the contract's shared take-in fields). */
type TakeInInput = Omit<z.output<(typeof intakeMethods)['intake.scan']['input']>, 'deviceId' | 'resolution' | 'mode' | 'source' | 'maxPages'>;

const takeInOptions = (input: TakeInInput, origin: TakeInOptions['origin'], device = input.device ?? null): TakeInOptions => ({
  origin,
  channel: input.channel,
  sender: input.sender ?? null,
  receivedAt: input.receivedAt ?? null,
  amtId: input.amtId ?? null,
  forceOcr: input.forceOcr,
  stamp: input.stamp,
  review: input.review,
  device,
});

/** The post room sees every intake job; anyone else only the jobs they started. */
const ownerFilter = (caller: Caller) => (hasRole(caller, 'poststelle') ? {} : { createdBy: caller.userId });

async function visibleJob(ctx: HandlerCtx, uuid: string): Promise<JobRecord> {
  const caller = callerOf(ctx);
  const job = await loadJob(ctx.store.reader, { uuid });
  if (!job || (!hasRole(caller, 'poststelle') && job.createdBy !== caller.userId)) {
    throw new AppError('jobs.not_found', {}, `job ${uuid} not found or not visible`);
  }
  return job;
}

async function asIntakeJob(ctx: HandlerCtx, s: IntakeService, job: JobRecord) {
  const parent = job.parentId === null ? null : await loadJob(ctx.store.reader, { id: job.parentId });
  return toIntakeJob(ctx.store.reader, s.pipeline, job, parent?.uuid ?? null);
}

export const intakeHandlers: HandlersFor<typeof intakeMethods> = {
  'intake.start': async (ctx, input) => {
    const s = await service(ctx);
    const caller = callerOf(ctx);
    const uploads = await Promise.all(
      input.uploads.map(async (id) => ({
        id,
        path: await uploadPath(ctx.store.dataDir, id, caller.username),
      })),
    );
    const result = await s.start(caller, [...input.paths, ...uploads.map((u) => u.path)], takeInOptions(input, input.origin));
    // Taken in means the content is in the blob store; an upload that was not stays for another try.
    const rejected = new Set(result.rejected.map((r) => r.path));
    for (const u of uploads) if (!rejected.has(u.path)) await removeUpload(ctx.store.dataDir, u.id);
    return {
      batches: await Promise.all(result.batches.map((b) => toIntakeBatch(ctx.store.reader, s.pipeline, b))),
      rejected: result.rejected.map((r) => ({ path: r.path, error: jobError(r.error.code, r.error.params) })),
    };
  },
  'intake.listScanners': async () => {
    const scanner = createScanner();
    const devices = await scanner.listDevices();
    return {
      devices: await Promise.all(
        devices.map(async (d) => {
          const c = await scanner.capabilities(d.id);
          const resolutions =
            'list' in c.resolutions ? { list: [...c.resolutions.list] } : { ...c.resolutions };
          return { ...d, capabilities: { ...c, resolutions, modes: [...c.modes], sources: [...c.sources] } };
        }),
      ),
    };
  },
  'intake.scan': async (ctx, input) => {
    const s = await service(ctx);
    const caller = callerOf(ctx);
    const folder = join(ctx.store.dataDir, 'work', 'scans', ctx.ids.uuid());
    await mkdir(folder, { recursive: true });
    try {
      const scanned = await createScanner().scan(
        input.deviceId,
        { resolution: input.resolution, mode: input.mode, source: input.source, maxPages: input.maxPages },
        folder,
        {
          onProgress: (done, total) =>
            ctx.events.emit({
              type: 'job.progress',
              jobId: `scan:${input.deviceId}`,
              stage: 'scan',
              done,
              total,
            }),
        },
      );
      const file = join(folder, `Scan ${ctx.clock.now().toISOString().slice(0, 16).replace(':', '-')}.pdf`);
      await writeFile(file, await pagesToPdf(scanned.files));
      const job = await s.takeIn(caller, file, takeInOptions(input, 'scanner', input.device ?? input.deviceId));
      return { batches: [await toIntakeBatch(ctx.store.reader, s.pipeline, job)] };
    } finally {
      // The stack is in the blob store now (or the scan failed and there is nothing to keep).
      await rm(folder, { recursive: true, force: true });
    }
  },
  'intake.listJobs': async (ctx, input) => {
    const s = await service(ctx);
    const page = await listJobs(ctx.store.reader, {
      ...ownerFilter(callerOf(ctx)),
      parentId: null,
      kind: s.pipeline.name,
      statuses: input.status,
      limit: input.limit,
      offset: input.offset,
      newestFirst: true,
    });
    return {
      items: await Promise.all(page.items.map((j) => toIntakeBatch(ctx.store.reader, s.pipeline, j))),
      total: page.total,
    };
  },
  'intake.getJob': async (ctx, { uuid }) => {
    const s = await service(ctx);
    const job = await visibleJob(ctx, uuid);
    if (job.parentId === null) return toIntakeBatch(ctx.store.reader, s.pipeline, job);
    return { ...(await asIntakeJob(ctx, s, job)), children: [] };
  },
  'intake.listKlaerfaelle': async (ctx, input) => {
    const s = await service(ctx);
    const page = await listJobs(ctx.store.reader, {
      ...ownerFilter(callerOf(ctx)),
      kind: s.pipeline.name,
      statuses: ['needs_review', 'failed'],
      excludeErrorCode: 'jobs.discarded',
      limit: input.limit,
      offset: input.offset,
      newestFirst: true,
    });
    return { items: await Promise.all(page.items.map((j) => asIntakeJob(ctx, s, j))), total: page.total };
  },
  'intake.getReview': async (ctx, { uuid }) => {
    const s = await service(ctx);
    const job = await visibleJob(ctx, uuid);
    const state = await s.reviewState(job);
    return {
      uuid,
      label: job.label,
      blankPagesRemoved: [...state.blankPagesRemoved],
      pages: await Promise.all(
        state.pages.map(async (p) => {
          const kept = p.kept;
          const text = p.ocr?.text ?? p.text?.text ?? '';
          return {
            page: p.index + 1,
            width: kept ? (kept.widthPx * 72) / kept.dpi.x : p.size.width,
            height: kept ? (kept.heightPx * 72) / kept.dpi.y : p.size.height,
            rotation: kept?.rotation ?? 0,
            confidence: p.ocr?.confidence ?? null,
            textPreview: text.replace(/\s+/g, ' ').trim().slice(0, 200),
            thumbnail: `data:image/png;base64,${Buffer.from(await s.thumbnail(p, THUMBNAIL_WIDTH)).toString('base64')}`,
          };
        }),
      ),
    };
  },
  'intake.reviseDocument': async (ctx, { uuid, documents }) => {
    const s = await service(ctx);
    const jobs = await s.revise(await visibleJob(ctx, uuid), documents ?? null);
    for (const j of jobs) ctx.events.emit({ type: 'records.changed', objectType: 'job', uuid: j.uuid });
    return { jobs: await Promise.all(jobs.map((j) => asIntakeJob(ctx, s, j))) };
  },
  'intake.retryJob': async (ctx, { uuid }) => {
    const s = await service(ctx);
    await visibleJob(ctx, uuid);
    const job = await ctx.store.write((tx) => retryJob(tx, uuid, ctx.clock.now()));
    s.queue.wake();
    ctx.events.emit({ type: 'records.changed', objectType: 'job', uuid });
    return asIntakeJob(ctx, s, job);
  },
  'intake.discardJob': async (ctx, { uuid }) => {
    const s = await service(ctx);
    await visibleJob(ctx, uuid);
    const job = await ctx.store.write((tx) => discardJob(tx, uuid, ctx.clock.now()));
    ctx.events.emit({ type: 'records.changed', objectType: 'job', uuid });
    return asIntakeJob(ctx, s, job);
  },
  'intake.hotFolderStatus': async (ctx) => {
    await service(ctx); // a folder kept from before is watched again once the service runs
    return hotFolderStatus(ctx);
  },
  'intake.watchHotFolder': async (ctx, { path }) => watchHotFolder(ctx, await service(ctx), callerOf(ctx), path),
  'intake.stopHotFolder': async (ctx) => {
    await stopHotFolder(ctx.store);
    return hotFolderStatus(ctx);
  },
};

import { randomBytes } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../contract/app-error';
import type { MethodOutput } from '../../../contract/methods';
import { appendAudit } from '../../../core/audit/index';
import type { CallCtx } from '../../../core/records/context';
import { bagitPackager } from '../bagit';
import { flushBehind, publishTree } from '../publish-tree';
import type { Status } from '../findings';
import type { SubmissionContent, SubmissionPackager } from '../packager';
import type { VersionNode } from '../receive';
import { insertRows } from '../../../core/store/insert-rows';
import { effectiveReport } from './present';
import {
  allObjectRows,
  latestReceipt,
  receiptFilesPaged,
  submissionOf,
  type ReceiptRow,
} from './register';
import { outputDir } from './output-dir';
import { repositoryDir } from './settings';

/**
 * An accepted receipt as package content: files and objects read from the register a page at a time,
 * files copied from the blob store (see `SubmissionContent.copyTo` for what is re-hashed).
 */
const registerContent = (ctx: CallCtx, row: ReceiptRow, status: Status): SubmissionContent => ({
  prozessId: row.prozess_id!,
  messageEntry: row.message_entry!,
  xdomeaVersion: row.xdomea_version ?? '',
  status,
  async *files() {
    for await (const f of receiptFilesPaged(ctx.store.reader, row.id))
      yield { fileName: f.file_name, sha256: f.sha256, size: f.size, ...(f.puid !== null ? { puid: f.puid } : {}) };
  },
  async *objects() {
    for await (const o of allObjectRows(ctx.store.reader, row.id))
      yield {
        depth: o.depth,
        kind: o.kind,
        xdomeaUuid: o.xdomea_uuid,
        ...(o.title !== null ? { title: o.title } : {}),
        fileNames: (JSON.parse(o.versions) as VersionNode[]).flatMap((v) => v.formats.map((f) => f.file.fileName)),
      };
  },
  copyTo: (f, dest) => ctx.store.blobs.copyTo(f.sha256, dest),
  message: () => ctx.store.blobs.read(row.message_sha256!),
});

/**
 * Writes the submission package of an accepted Aussonderung into the repository folder (or `outDir`):
 * built in a hidden folder beside it, fsynced, and renamed when complete, so DiPS.kommunal never picks up
 * half a bag and a bag the register knows survives a crash. The SHA-256 of every payload file goes into
 * the register for the later fixity runs.
 */
export async function packageAussonderung(
  ctx: CallCtx,
  prozessId: string,
  requestedDir: string | undefined,
  packager: SubmissionPackager = bagitPackager,
): Promise<MethodOutput<'archiv.package'>> {
  const row = await latestReceipt(ctx.store.reader, prozessId);
  const existing = await submissionOf(ctx.store.reader, row.id);
  if (existing) {
    const files = await ctx.store.reader.get<{ n: number }>(
      'SELECT count(*) AS n FROM archiv_submission_file WHERE submission_id = ?',
      [existing.id],
    );
    return { target: existing.target, path: existing.path, files: files?.n ?? 0, repeated: true };
  }
  if (row.message_sha256 === null)
    throw new AppError('archiv.refused_package', { id: prozessId }, 'refused package');
  const { report, status } = await effectiveReport(ctx.store.reader, row);
  if (status === 'error')
    throw new AppError('archiv.not_accepted', { prozessId }, 'package has errors');
  const dir = await outputDir(requestedDir, repositoryDir(ctx.store.dataDir));
  const target = path.join(dir, row.prozess_id!);
  if (await stat(target).catch(() => undefined))
    throw new AppError('archiv.package_exists', { path: target }, 'bag folder exists');
  const building = path.join(dir, `.${row.prozess_id}.${randomBytes(4).toString('hex')}.partial`);
  const started = performance.now();
  let written, wrote, durable;
  const flushing = flushBehind(dir);
  try {
    written = await packager.write(
      registerContent(ctx, row, status),
      {
        receivedAt: row.received_at,
        xdomeaVersion: row.xdomea_version ?? '',
        // Only a clean scan reaches here (a virus or a failed scan is an error); none configured: not performed.
        ...(report.virusCheck?.outcome === 'pass' ? { virusCheck: report.virusCheck } : {}),
      },
      building,
    );
    await flushing.stop();
    wrote = performance.now();
    await publishTree(written.path, target);
    durable = performance.now();
  } finally {
    await flushing.stop();
    await rm(building, { recursive: true, force: true });
  }
  const createdAt = ctx.clock.now().toISOString();
  const register = ctx.store.write(async (tx) => {
    const { lastID } = await tx.run(
      'INSERT INTO archiv_submission (receipt_id, target, path, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
      [row.id, written.target, target, createdAt, ctx.caller.username],
    );
    await insertRows(
      tx,
      'INSERT INTO archiv_submission_file (submission_id, path, sha256)',
      [...written.files].map(([file, sha256]) => [lastID, file, sha256]),
    );
    await appendAudit(tx, ctx.clock.now(), {
      actor: ctx.caller.username,
      action: 'archiv.packaged',
      objectType: 'archiv_receipt',
      objectUuid: row.uuid,
      amtId: null,
      details: { prozessId: row.prozess_id, target: written.target, files: written.files.size },
    });
  });
  // A bag the register does not know would block the next attempt (package_exists) and escape fixity runs.
  await register.catch(async (err: unknown) => {
    await rm(target, { recursive: true, force: true });
    throw err;
  });
  ctx.logger.info('archiv package written', {
    prozessId: row.prozess_id,
    target: written.target,
    files: written.files.size,
    // Where the time went (the ingest benchmark prints these): bag written, made durable, registered.
    writeMs: Math.round(wrote - started),
    durableMs: Math.round(durable - wrote),
    registerMs: Math.round(performance.now() - durable),
  });
  return { target: written.target, path: target, files: written.files.size, repeated: false };
}

import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../contract/app-error';
import { ARCHIV_PAGE, type ArchivReceiptDetail, type PackageSource } from '../../../contract/methods/archiv';
import { appendAudit } from '../../../core/audit/index';
import type { CallCtx } from '../../../core/records/context';
import { removeUpload, uploadPath } from '../../../core/store/uploads';
import { parseMessageFileName } from '../../xdomea/index';
import { receivePackageInto, withDuplicateFinding, type IngestSummary, type ObjectRow } from '../receive';
import type { Finding } from '../findings';
import { detailOf } from './present';
import { virusScannerOf } from './settings';
import { alreadyArchived, insertReceipt, receiptByUuid } from './register';
import { rollingBatch } from './rolling-batch';
import { rowSpool } from './row-spool';
import { storedRow, toStoredReport } from './stored-report';

// Files per blob batch: each one is committed (one concurrent fsync round) while the next fills.
const FILES_PER_BATCH = 1000;

/** The package as a path on this machine: an upload is read where it lies, bytes are written out first. */
async function packagePath(ctx: CallCtx, source: PackageSource, workDir: string): Promise<string> {
  if (source.kind === 'upload') return uploadPath(ctx.store.dataDir, source.uploadId, ctx.caller.username);
  if (source.kind === 'bytes') {
    const upload = path.join(workDir, 'upload', path.basename(source.fileName));
    await mkdir(path.dirname(upload), { recursive: true });
    await writeFile(upload, Buffer.from(source.base64, 'base64'));
    return upload;
  }
  if (!(await stat(source.path).catch(() => undefined)))
    throw new AppError('archiv.source_missing', { path: source.path }, 'package source missing');
  return source.path;
}

/**
 * Objects an earlier accepted Aussonderung already handed over, by lower-cased UUID: asked 500 at a time
 * as the rows come (on SQLite's thread, while the files are still being read), not in a pass of its own.
 */
function earlierObjects(ctx: CallCtx) {
  const found = new Map<string, Finding>();
  const asked: Promise<void>[] = [];
  let uuids: string[] = [];
  const ask = () => {
    const part = uuids;
    uuids = [];
    const answer = alreadyArchived(ctx.store.reader, part).then((archived) => {
      for (const [uuid, prozessId] of archived)
        found.set(uuid, { status: 'error', code: 'already_archived', detail: prozessId });
    });
    answer.catch(() => undefined); // surfaced by found(); unused when the package is refused
    asked.push(answer);
  };
  return {
    add(row: ObjectRow) {
      uuids.push(row.xdomeaUuid.toLowerCase());
      if (uuids.length === 500) ask();
    },
    async found(): Promise<ReadonlyMap<string, Finding>> {
      ask();
      await Promise.all(asked);
      return found;
    },
  };
}

async function* storedRows(
  rows: AsyncIterable<ObjectRow>,
  summary: IngestSummary,
  earlier: ReadonlyMap<string, Finding>,
): AsyncGenerator<ObjectRow> {
  for await (const row of rows)
    yield storedRow(withDuplicateFinding(row, summary.duplicates), earlier.get(row.xdomeaUuid.toLowerCase()));
}

/**
 * Receives a 0503 (ZIP, folder or upload) into the register: the checks of `receivePackageInto`, objects
 * an earlier Aussonderung already handed over, then the message and primary files as blobs and the receipt
 * with its report rows in one transaction. Each file is read once: checked from memory and written into a
 * blob batch; once the package is cleared (schema, virus scan) each full batch is committed (fsyncs run
 * together) while the next fills, the last before that transaction; the report's rows wait in a file of the
 * work folder meanwhile, so memory does not grow with the package. A refused package is registered too
 * (the archivist sees why), with no files; a failure before the transaction leaves at most unreferenced
 * blobs, never half a receipt. The answer holds the counts and the first page of objects.
 */
export async function receiveAussonderung(
  ctx: CallCtx,
  source: PackageSource,
): Promise<ArchivReceiptDetail> {
  const uuid = ctx.ids.uuid();
  const workDir = path.join(ctx.store.dataDir, 'archiv', 'tmp', uuid);
  // Message and primary files go into blob batches, all durable before the transaction that names them.
  const blobs = rollingBatch(ctx.store.blobs, FILES_PER_BATCH);
  let settled = false;
  try {
    const started = performance.now();
    const spool = await rowSpool(path.join(workDir, 'objects.jsonl'));
    const lookup = earlierObjects(ctx);
    let cleared: number | undefined;
    const received = await receivePackageInto(
      await packagePath(ctx, source, workDir),
      path.join(workDir, 'extract'),
      (row) => {
        lookup.add(row);
        return spool.sink(row);
      },
      {
        keep: async (_name, bytes) => ({ sha256: (await blobs.put(bytes)).hash }),
        scanner: virusScannerOf(ctx.store.dataDir),
        onCleared: () => {
          cleared = performance.now();
          blobs.clear();
        },
      },
    );
    await spool.close();
    const read = performance.now();
    const earlier = received.refused ? new Map<string, Finding>() : await lookup.found();
    const report = toStoredReport(received, earlier.size > 0);
    // A refused package keeps nothing, one with a virus only its message (the 0506 answers it).
    const keepFiles = !received.refused && received.virusCheck?.outcome !== 'fail';
    if (!keepFiles) await blobs.abort();
    const message = received.messagePath
      ? await (keepFiles ? blobs : ctx.store.blobs).putStream(createReadStream(received.messagePath))
      : null;
    // The last batch is made durable while its rows are inserted; the transaction commits only after it
    // (a failed commit rolls it back), so the register never names a blob that is not durable.
    let durable = read;
    const committed = (keepFiles ? blobs.commit() : Promise.resolve()).then(() => void (durable = performance.now()));
    committed.catch(() => undefined); // awaited inside the transaction
    settled = true; // commit() drops what it could not make durable
    const receivedAt = ctx.clock.now().toISOString();
    await ctx.store.write(async (tx) => {
      const { files } = await insertReceipt(tx, {
        uuid,
        prozessId: report.prozessId ?? parseMessageFileName(report.source)?.prozessId ?? null,
        report,
        message: message ? { sha256: message.hash, size: message.size } : null,
        // A refused package has no objects, whatever was read before it was refused.
        objects: received.refused ? (async function* () {})() : storedRows(spool.rows(), received, earlier),
        withFiles: keepFiles,
        receivedAt,
        receivedBy: ctx.caller.username,
      });
      await appendAudit(tx, ctx.clock.now(), {
        actor: ctx.caller.username,
        action: received.refused ? 'archiv.receipt_refused' : 'archiv.received',
        objectType: 'archiv_receipt',
        objectUuid: uuid,
        amtId: null,
        details: {
          prozessId: report.prozessId ?? null,
          status: report.status,
          refused: report.refused?.code ?? null,
          files,
        },
      });
      await committed;
    });
    // Registered (accepted or not): the upload is done; after a failure it stays for a retry (and expires).
    if (source.kind === 'upload') await removeUpload(ctx.store.dataDir, source.uploadId);
    ctx.logger.info('archiv 0503 received', {
      receipt: uuid,
      prozessId: report.prozessId ?? null,
      status: report.status,
      refused: report.refused?.code ?? null,
      // Where the time went (the ingest benchmark prints these): read and checked (with the blob batches
      // committed meanwhile); then the last batch made durable and, alongside, the rows registered.
      // When the XSD check (and virus scan) had passed: blob batches are committed only from then on.
      clearedMs: cleared === undefined ? null : Math.round(cleared - started),
      readMs: Math.round(read - started),
      durableMs: Math.round(durable - read),
      registerMs: Math.round(performance.now() - read),
    });
    return await detailOf(ctx.store.reader, await receiptByUuid(ctx.store.reader, uuid), { offset: 0, limit: ARCHIV_PAGE });
  } finally {
    if (!settled) await blobs.abort();
    await rm(workDir, { recursive: true, force: true });
  }
}

import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../contract/app-error';
import type { ArchivReceiptDetail, PackageSource } from '../../../contract/methods/archiv';
import { appendAudit } from '../../../core/audit/index';
import type { CallCtx } from '../../../core/records/context';
import { removeUpload, uploadPath } from '../../../core/store/uploads';
import { parseMessageFileName } from '../../xdomea/index';
import { receivePackage, walkNodes, type IngestReport } from '../receive';
import type { Finding } from '../findings';
import { detailOf } from './present';
import { virusScannerOf } from './settings';
import { alreadyArchived, insertReceipt, receiptByUuid, type ReceivedFile } from './register';
import { addObjectFindings, toStoredReport } from './stored-report';

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

/** Primary files once each (several Formate may name the same file), with their PRONOM id. */
function presentFiles(report: IngestReport): ReceivedFile[] {
  const files = new Map<string, ReceivedFile>();
  walkNodes(report.objects, (n) =>
    n.versions
      .flatMap((v) => v.formats)
      .forEach(({ file: f }) => {
        if (f.present && !files.has(f.fileName))
          files.set(f.fileName, {
            name: f.fileName,
            sha256: f.sha256!,
            size: f.size!,
            puid: f.format?.puid ?? null,
          });
      }),
  );
  return [...files.values()];
}

async function againstEarlier(ctx: CallCtx, report: IngestReport): Promise<Map<string, Finding>> {
  const uuids: string[] = [];
  walkNodes(report.objects, (n) => uuids.push(n.xdomeaUuid.toLowerCase()));
  const earlier = await alreadyArchived(ctx.store.reader, uuids);
  return new Map(
    [...earlier].map(([uuid, prozessId]) => [
      uuid,
      { status: 'error', code: 'already_archived', detail: prozessId },
    ]),
  );
}

/**
 * Receives a 0503 (ZIP, folder or upload) into the register: the checks of `receivePackage`, objects an
 * earlier Aussonderung already handed over, then the message and primary files as blobs and the receipt
 * with its report in one transaction. Each file is read once: checked from memory and written into a blob
 * batch whose fsyncs run together before that transaction. A refused package is registered too (the
 * archivist sees why), with no files; a failure before the transaction leaves at most unreferenced blobs,
 * never half a receipt.
 */
export async function receiveAussonderung(
  ctx: CallCtx,
  source: PackageSource,
): Promise<ArchivReceiptDetail> {
  const uuid = ctx.ids.uuid();
  const workDir = path.join(ctx.store.dataDir, 'archiv', 'tmp', uuid);
  // Message and primary files go into one blob batch, durable before the transaction that names them.
  const blobs = ctx.store.blobs.batch();
  let settled = false;
  try {
    const received = await receivePackage(await packagePath(ctx, source, workDir), path.join(workDir, 'extract'), {
      keep: async (_name, bytes) => ({ sha256: (await blobs.put(bytes)).hash }),
      scanner: virusScannerOf(ctx.store.dataDir),
    });
    const report = addObjectFindings(toStoredReport(received), await againstEarlier(ctx, received));
    // A refused package keeps nothing, one with a virus only its message (the 0506 answers it).
    const keepFiles = !received.refused && received.virusCheck?.outcome !== 'fail';
    if (!keepFiles) await blobs.abort();
    const message = received.messagePath
      ? await (keepFiles ? blobs : ctx.store.blobs).putStream(createReadStream(received.messagePath))
      : null;
    if (keepFiles) await blobs.commit();
    settled = true;
    const files = keepFiles ? presentFiles(received) : [];
    const receivedAt = ctx.clock.now().toISOString();
    await ctx.store.write(async (tx) => {
      await insertReceipt(tx, {
        uuid,
        prozessId: report.prozessId ?? parseMessageFileName(report.source)?.prozessId ?? null,
        report,
        message: message ? { sha256: message.hash, size: message.size } : null,
        files,
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
          files: files.length,
        },
      });
    });
    // Registered (accepted or not): the upload is done; after a failure it stays for a retry (and expires).
    if (source.kind === 'upload') await removeUpload(ctx.store.dataDir, source.uploadId);
    ctx.logger.info('archiv 0503 received', {
      receipt: uuid,
      prozessId: report.prozessId ?? null,
      status: report.status,
      refused: report.refused?.code ?? null,
    });
    return await detailOf(ctx.store.reader, await receiptByUuid(ctx.store.reader, uuid));
  } finally {
    if (!settled) await blobs.abort();
    await rm(workDir, { recursive: true, force: true });
  }
}

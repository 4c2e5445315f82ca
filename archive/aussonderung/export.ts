import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { AppError } from '../../contract/app-error';
import type { FormatReportEntry } from '../../contract/methods/aussonderung';
import { recordChange } from '../../core/records/change';
import type { CallCtx } from '../../core/records/context';
import type { BlobRef } from '../../core/store/blobs/blob-store';
import { formatCodeFor, HandoverMessageWriter, primaryFileName } from '../xdomea/index';
import { loadAkten, loadAktenWithContent, type AkteRecord, type DocumentRecord, type VersionRecord } from './akte-records';
import { auditAussonderung } from './audit';
import { archivalFormatOf, type ArchivalFormatTools, type FileOutcome } from './formats';
import { outputDirectory, type WrittenFile } from './output-files';
import { writeHandoverPackage, type PackageFile } from './package-writer';
import { loadParties } from './parties';
import { ReadAhead } from './read-ahead';
import { loadAussonderung, loadObjects, saveMessageBlob, sha256Hex, stateOf, type AussonderungRow } from './repository';
import { handoverObject, messageHeader, type PackagedVersion } from './xdomea-mapping';

export interface ExportResult {
  readonly package: WrittenFile;
  readonly files: FormatReportEntry[];
}

/** Text formats gain from deflate; PDFs and images are compressed already. */
const compressible = (mimeType: string) => mimeType.startsWith('text/') || mimeType.includes('xml');

const extensionOf = (fileName: string, mimeType: string): string =>
  /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1] ?? mimeType.split('/')[1]?.replace(/[^a-z0-9]/g, '') ?? 'bin';

/** Files read ahead of their turn; a few small ones, or one large one, at a time. */
const READ_AHEAD = { depth: 8, maxBytes: 32 * 1024 * 1024 };

/** A checked file ready for the ZIP; the rendition's bytes live in a file, never in memory. */
interface PreparedFile {
  readonly outcome: Exclude<FileOutcome, { outcome: 'converted' }> | { readonly outcome: 'converted'; readonly version: string; readonly reason: string };
  /** The converted rendition in the work folder; null when the stored file itself is sent. */
  readonly rendition: string | null;
  /** What the bytes to send hash to. */
  readonly sha256: string;
  readonly size: number;
}

/** A ZIP entry before its source is opened. */
interface PlannedFile {
  readonly name: string;
  readonly sha256: string;
  readonly compress: boolean;
  readonly rendition: string | null;
  readonly size: number;
}

/** Checks one stored file (its bytes already verified against its SHA-256) for PDF/A and, if converted, writes the rendition into `workDir`. */
async function prepareFile(
  tools: ArchivalFormatTools,
  document: DocumentRecord,
  version: VersionRecord,
  bytes: Buffer,
  workDir: string,
  convertedAt: Date,
): Promise<PreparedFile> {
  const outcome = await archivalFormatOf(tools, bytes, version.mimeType, {
    title: document.title,
    createdAt: new Date(version.createdAt),
    convertedAt,
    documentId: document.uuid,
    sourceSha256: version.blobHash,
  });
  if (outcome.outcome !== 'converted') return { outcome, rendition: null, sha256: version.blobHash, size: bytes.byteLength };
  const { pdf, ...rest } = outcome;
  const target = path.join(workDir, `${version.blobHash}.pdf`);
  await writeFile(target, pdf);
  return { outcome: rest, rendition: target, sha256: sha256Hex(pdf), size: pdf.byteLength };
}

/**
 * The ZIP's sources. Stored files come from the store (decrypted on the way when blobs are sealed at
 * rest) a few ahead of the ZIP writer, which opens its entries one after the other; the writer hashes
 * every entry again, so a file that changed since its check still discards the package.
 */
function zipSources(ctx: CallCtx, planned: readonly PlannedFile[]): PackageFile[] {
  const stored = planned.filter((f) => f.rendition === null);
  const ahead = new ReadAhead(stored, (f) => buffer(ctx.store.blobs.stream(f.sha256)), { ...READ_AHEAD, sizeOf: (f) => f.size });
  return planned.map(({ rendition, name, sha256, compress }) => ({
    name,
    sha256,
    compress,
    source: rendition
      ? { kind: 'file', path: rendition }
      : { kind: 'stream', open: () => Readable.from((async function* () { yield await ahead.next(); })()) },
  }));
}

function handedOver(row: AussonderungRow, objects: Awaited<ReturnType<typeof loadObjects>>) {
  const handed = objects.filter((o) => o.deleted_at === null && (o.decision === 'A' || (o.decision === 'B' && o.selected === 1)));
  if (handed.length === 0) throw new AppError('aussonderung.nothing_to_export', { prozessId: row.prozess_id }, 'nothing appraised A or chosen');
  return handed;
}

function requireExportable(row: AussonderungRow, akten: readonly AkteRecord[], wanted: readonly string[]): void {
  for (const uuid of wanted) {
    const akte = akten.find((a) => a.uuid === uuid);
    if (!akte) throw new AppError('records.not_found', { kind: 'Die Akte' }, `akte ${uuid} of ${row.prozess_id} gone`);
    if (akte.status !== 'zda') throw new AppError('aussonderung.not_zda', { aktenzeichen: akte.aktenzeichen }, 'akte reopened');
  }
}

/**
 * Writes the 0503 package for the Akten appraised A and the B Akten chosen by the archivist. The
 * Erstellungszeitpunkt of the first export is kept, and file names come from version UUIDs, so a retry
 * writes the same package. Stored content is checked against its SHA-256 before it is used.
 */
export async function exportAussonderung(
  ctx: CallCtx,
  tools: ArchivalFormatTools,
  prozessId: string,
  outDir: string | undefined,
): Promise<ExportResult> {
  const row = await loadAussonderung(ctx.store.reader, prozessId);
  if (!row.appraised_at || row.import_confirmed_at) {
    throw new AppError('aussonderung.wrong_state', { prozessId: row.prozess_id, state: stateOf(row), action: 'die Aussonderung (0503)' }, 'export in wrong state');
  }
  const handed = handedOver(row, await loadObjects(ctx.store.reader, row.id));
  const akten = await loadAkten(ctx.store.reader, handed.map((o) => o.akte_uuid));
  requireExportable(row, akten, handed.map((o) => o.akte_uuid));
  const dir = await outputDirectory(ctx.store.dataDir, row.prozess_id, outDir);
  const createdAt = row.exported_at ?? ctx.clock.now().toISOString();
  const workDir = path.join(ctx.store.dataDir, 'aussonderung', row.prozess_id, `work-${randomBytes(4).toString('hex')}`);
  await mkdir(workDir, { recursive: true });
  const messagePath = path.join(workDir, 'message.xml');
  const parties = await loadParties(ctx.store.reader);
  const writer = await HandoverMessageWriter.open(messagePath, {
    type: '0503',
    header: messageHeader(parties, { id: row.amt_id, name: akten[0]!.amtName }, row.prozess_id, createdAt),
    archiveIdRequested: true,
    receiptRequested: true,
  });
  try {
    const prepared = new Map<string, PreparedFile>(); // by blob hash: equal content is checked once
    const files: PlannedFile[] = [];
    const report: FormatReportEntry[] = [];
    const position = new Map(handed.map((o) => [o.akte_uuid, o.position]));
    // One Akte at a time, its object written to the message file at once: memory stays that of one Akte.
    for (const { uuid } of akten) {
      const [akte] = await loadAktenWithContent(ctx.store.reader, [uuid]);
      const versions = akte!.vorgaenge.flatMap((v) => v.documents.flatMap((document) => document.versions.map((version) => ({ document, version }))));
      const unchecked = [...new Map(versions.filter((v) => !prepared.has(v.version.blobHash)).map((v) => [v.version.blobHash, v])).values()];
      // read() refuses content that no longer matches its hash.
      const ahead = new ReadAhead(unchecked, (v) => ctx.store.blobs.read(v.version.blobHash), { ...READ_AHEAD, sizeOf: (v) => v.version.size });
      for (const { document, version } of unchecked) {
        prepared.set(version.blobHash, await prepareFile(tools, document, version, await ahead.next(), workDir, new Date(createdAt)));
      }
      const packaged = new Map<string, PackagedVersion>();
      for (const { document, version } of versions) {
        const entry = packageEntry(akte!, document, version, prepared.get(version.blobHash)!);
        packaged.set(version.uuid, entry.packaged);
        files.push(...entry.entries);
        report.push(entry.report);
      }
      await writer.add(handoverObject(akte!, position.get(uuid)!, (v) => packaged.get(v.uuid)!));
    }
    const message = await writer.finish();
    const zip = await writeHandoverPackage(dir, row.prozess_id, createdAt, message, zipSources(ctx, files));
    const stored = await ctx.store.blobs.putStream(createReadStream(message.path));
    await recordExport(ctx, row, { akten, report, message: stored, createdAt, zip: { sha256: zip.sha256, size: zip.size } });
    return { package: { path: zip.path, size: zip.size, sha256: zip.sha256 }, files: report };
  } finally {
    await writer.abort(); // closes the message file when the export failed before it was finished
    await rm(workDir, { recursive: true, force: true });
  }
}

/** How one version goes into the package: its name and format in the message, its ZIP entry, its report line. */
function packageEntry(akte: AkteRecord, document: DocumentRecord, version: VersionRecord, file: PreparedFile) {
  const o = file.outcome;
  const pdf = o.outcome !== 'not_conforming';
  const fileName = primaryFileName(version.uuid, pdf ? 'pdf' : extensionOf(version.fileName, version.mimeType));
  const mimeType = pdf ? 'application/pdf' : version.mimeType;
  const sent = { fileName, format: formatOf({ mimeType, fileName, ...(pdf && o.version ? { pdfaVersion: o.version } : {}) }) };
  const entries: PlannedFile[] = [{ name: fileName, rendition: file.rendition, sha256: file.sha256, size: file.size, compress: compressible(mimeType) }];
  // A scan made PDF/A travels with its original image: the archive reads the PDF/A and keeps the scan as it was.
  const files = [sent];
  if (o.outcome === 'converted' && !version.mimeType.toLowerCase().startsWith('application/pdf')) {
    const original = primaryFileName(version.uuid, extensionOf(version.fileName, version.mimeType));
    files.push({ fileName: original, format: formatOf({ mimeType: version.mimeType, fileName: original }) });
    entries.push({ name: original, rendition: null, sha256: version.blobHash, size: version.size, compress: compressible(version.mimeType) });
  }
  const packaged: PackagedVersion = { files, problem: o.outcome === 'not_conforming' ? o.reason : null };
  const report: FormatReportEntry = {
    akteUuid: akte.uuid,
    documentUuid: document.uuid,
    versionUuid: version.uuid,
    fileName,
    outcome: o.outcome,
    pdfaVersion: pdf ? o.version || null : null,
    reason: o.outcome === 'conforming' ? null : o.reason,
    sourceSha256: version.blobHash,
    sentSha256: file.sha256,
    size: file.size,
  };
  return { packaged, entries, report };
}

function formatOf(file: Parameters<typeof formatCodeFor>[0]): PackagedVersion['files'][number]['format'] {
  const { code, codeListVersion, otherName, formatVersion } = formatCodeFor(file);
  return { code, codeListVersion, formatVersion, ...(otherName ? { otherName } : {}) };
}

async function recordExport(
  ctx: CallCtx,
  row: AussonderungRow,
  e: { akten: readonly AkteRecord[]; report: readonly FormatReportEntry[]; message: BlobRef; createdAt: string; zip: { sha256: string; size: number } },
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const count = (outcome: FormatReportEntry['outcome']) => e.report.filter((f) => f.outcome === outcome).length;
  await ctx.store.write(async (tx) => {
    await tx.run('DELETE FROM aussonderung_file WHERE aussonderung_id = ?', [row.id]);
    for (const f of e.report) {
      await tx.run(
        `INSERT INTO aussonderung_file (aussonderung_id, akte_uuid, document_uuid, version_uuid, file_name, source_sha256, sent_sha256, size, outcome, pdfa_version, reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [row.id, f.akteUuid, f.documentUuid, f.versionUuid, f.fileName, f.sourceSha256, f.sentSha256, f.size, f.outcome, f.pdfaVersion, f.reason],
      );
    }
    await tx.run('INSERT OR IGNORE INTO blob (hash, size, created_at) VALUES (?, ?, ?)', [e.message.hash, e.message.size, now]);
    await saveMessageBlob(tx, row.id, '0503', { direction: 'out', createdAt: e.createdAt, blob: e.message }, now);
    await tx.run('UPDATE aussonderung SET exported_at = COALESCE(exported_at, ?) WHERE id = ?', [e.createdAt, row.id]);
    for (const akte of e.akten) {
      await recordChange(tx, ctx, { action: 'akte.handover', objectType: 'akte', objectUuid: akte.uuid, amtId: akte.amtId, details: { prozessId: row.prozess_id } });
    }
    await auditAussonderung(tx, ctx, 'aussonderung.export', row.prozess_id, row.amt_id, {
      akten: e.akten.length,
      files: e.report.length,
      converted: count('converted'),
      notConforming: count('not_conforming'),
      sha256: e.zip.sha256,
      size: e.zip.size,
    });
  });
  ctx.logger.info('aussonderung exported', { prozessId: row.prozess_id, akten: e.akten.length, files: e.report.length });
}

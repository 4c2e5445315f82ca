import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../contract/app-error';
import type { FormatReportEntry } from '../../contract/methods/aussonderung';
import { recordChange } from '../../core/records/change';
import type { CallCtx } from '../../core/records/context';
import type { BlobRef } from '../../core/store/blobs/blob-store';
import { formatCodeFor, HandoverMessageWriter, primaryFileName, type WrittenHandoverMessage } from '../xdomea/index';
import { loadAkten, type AkteRecord, type DocumentRecord, type VersionRecord } from './akte-records';
import { auditAussonderung } from './audit';
import { AkteWindow } from './akte-window';
import { archivalFormatOf, isConvertibleImage, mediaTypeOf, type ArchivalFormatTools, type FileOutcome, type PdfaVerdict } from './formats';
import { outputDirectory, type WrittenFile } from './output-files';
import { writeHandoverPackage, type PackageSource } from './package-writer';
import { loadParties } from './parties';
import { ReadAhead } from './read-ahead';
import { VerdictCache } from './verdict-cache';
import { loadAussonderung, loadObjects, saveMessageBlob, sha256Hex, stateOf, type AussonderungRow } from './repository';
import { handoverObject, messageHeader, type PackagedVersion } from './xdomea-mapping';

export interface ExportResult {
  readonly package: WrittenFile;
  readonly files: FormatReportEntry[];
}

const errorCode = (err: unknown): string => (typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unknown');

/** Text formats gain from deflate; PDFs and images are compressed already. */
const compressible = (mimeType: string) => mimeType.startsWith('text/') || mimeType.includes('xml');

const extensionOf = (fileName: string, mimeType: string): string =>
  /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1] ?? mimeType.split('/')[1]?.replace(/[^a-z0-9]/g, '') ?? 'bin';

/** Files read ahead of their turn; a few small ones, or one large one, at a time. */
const READ_AHEAD = { depth: 8, maxBytes: 32 * 1024 * 1024 };

/** A checked file; a converted rendition's bytes live in a file, never in memory. */
interface PreparedFile {
  readonly outcome: Exclude<FileOutcome, { outcome: 'converted' }> | { readonly outcome: 'converted'; readonly version: string; readonly reason: string };
  /** The converted rendition in the work folder; null when the stored file itself is sent. */
  readonly rendition: string | null;
  /** What the bytes to send hash to. */
  readonly sha256: string;
  readonly size: number;
}

/** One ZIP entry, planned before any file is checked: its name must not depend on the check of a PDF. */
interface PlannedFile {
  readonly name: string;
  readonly akte: number;
  readonly versionUuid: string;
  readonly blobHash: string;
  readonly size: number;
  readonly mimeType: string;
  readonly compress: boolean;
  /** The stored image beside its PDF/A rendition, sent as it is. */
  readonly original: boolean;
}

/** What checking a file needs besides the file: the PDF/A engine, known verdicts, where renditions go. */
interface Checking {
  readonly tools: ArchivalFormatTools;
  readonly verdicts: VerdictCache;
  readonly workDir: string;
  /** The export's Erstellungszeitpunkt, the renditions' modification date. */
  readonly convertedAt: Date;
}

/** Checks one stored file (its bytes already verified against its SHA-256) for PDF/A and, if converted, writes the rendition into the work folder. */
async function prepareFile(checking: Checking, document: DocumentRecord, version: VersionRecord, bytes: Buffer): Promise<PreparedFile> {
  const { tools, verdicts } = checking;
  let checked: PdfaVerdict | undefined;
  if (mediaTypeOf(version.mimeType) === 'application/pdf') {
    checked = verdicts.get(version.blobHash);
    if (!checked) {
      checked = await tools.preflight(bytes);
      verdicts.remember(version.blobHash, checked);
    }
  }
  const identity = { title: document.title, createdAt: new Date(version.createdAt), convertedAt: checking.convertedAt, documentId: document.uuid, sourceSha256: version.blobHash };
  const outcome = await archivalFormatOf(tools, bytes, version.mimeType, identity, checked);
  if (outcome.outcome !== 'converted') return { outcome, rendition: null, sha256: version.blobHash, size: bytes.byteLength };
  const { pdf, ...rest } = outcome;
  const target = path.join(checking.workDir, `${version.blobHash}.pdf`);
  await writeFile(target, pdf);
  return { outcome: rest, rendition: target, sha256: sha256Hex(pdf), size: pdf.byteLength };
}

/** The name a version is sent under: PDFs and scans made PDF/A as `.pdf`, anything else with its own extension. */
function sentFileName(version: VersionRecord, converted: boolean): string {
  const pdf = converted || mediaTypeOf(version.mimeType) === 'application/pdf';
  return primaryFileName(version.uuid, pdf ? 'pdf' : extensionOf(version.fileName, version.mimeType));
}

function findVersion(akte: AkteRecord, versionUuid: string): { document: DocumentRecord; version: VersionRecord } {
  for (const vorgang of akte.vorgaenge) {
    for (const document of vorgang.documents) {
      const version = document.versions.find((v) => v.uuid === versionUuid);
      if (version) return { document, version };
    }
  }
  throw new AppError('records.not_found', { kind: 'Die Version' }, `version ${versionUuid} of akte ${akte.uuid} gone during export`);
}

const versionsOf = (akte: AkteRecord) =>
  akte.vorgaenge.flatMap((v) => v.documents.flatMap((document) => document.versions.map((version) => ({ document, version }))));

/**
 * The ZIP entries of every version, in the order of the message. Scans are converted here, since
 * whether that works decides if a PDF/A travels beside them; PDFs are checked later, on the way into
 * the ZIP, because their name is `.pdf` whatever the check finds.
 */
async function planFiles(ctx: CallCtx, checking: Checking, akten: AkteWindow, prepared: Map<string, PreparedFile>): Promise<PlannedFile[]> {
  const planned: PlannedFile[] = [];
  for (let index = 0; index < akten.length; index++) {
    for (const { document, version } of versionsOf(await akten.get(index))) {
      const entry = { akte: index, versionUuid: version.uuid, blobHash: version.blobHash, size: version.size, mimeType: version.mimeType, compress: compressible(version.mimeType) };
      if (!isConvertibleImage(version.mimeType)) {
        planned.push({ ...entry, name: sentFileName(version, false), original: false });
        continue;
      }
      let file = prepared.get(version.blobHash);
      if (!file) {
        // read() refuses content that no longer matches its hash.
        file = await prepareFile(checking, document, version, await ctx.store.blobs.read(version.blobHash));
        prepared.set(version.blobHash, file);
      }
      const converted = file.outcome.outcome === 'converted';
      planned.push({ ...entry, name: sentFileName(version, converted), original: false });
      if (converted) planned.push({ ...entry, name: sentFileName(version, false), original: true });
    }
  }
  return planned;
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
 * writes the same package. Every stored file is read once: checked against its SHA-256, preflighted and
 * written into the ZIP from the same bytes, a few files read ahead; each Akte goes into the message
 * once its files are in, and the message follows the files.
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
  const checking: Checking = { tools, verdicts: new VerdictCache(ctx.store, tools.checker, () => ctx.clock.now()), workDir, convertedAt: new Date(createdAt) };
  try {
    const uuids = akten.map((a) => a.uuid);
    const prepared = new Map<string, PreparedFile>(); // by blob hash: equal content is checked once
    const planned = await planFiles(ctx, checking, new AkteWindow(ctx.store.reader, uuids), prepared);
    await checking.verdicts.load(planned.filter((f) => mediaTypeOf(f.mimeType) === 'application/pdf').map((f) => f.blobHash));
    const content = new AkteWindow(ctx.store.reader, uuids);
    const report: FormatReportEntry[] = [];
    const position = new Map(handed.map((o) => [o.akte_uuid, o.position]));
    let written = 0; // Akten in the message so far
    /** Adds the Akten before `end` to the message: their files are all in the ZIP by now. */
    const messageUpTo = async (end: number) => {
      for (; written < end; written++) {
        const akte = await content.get(written);
        const packaged = new Map<string, PackagedVersion>();
        for (const { document, version } of versionsOf(akte)) {
          const entry = packageEntry(akte, document, version, prepared.get(version.blobHash)!);
          packaged.set(version.uuid, entry.packaged);
          report.push(entry.report);
        }
        const object = handoverObject(akte, position.get(akte.uuid)!, (v) => packaged.get(v.uuid)!);
        await writer.add(object);
      }
    };
    // read() refuses content that no longer matches its hash.
    const ahead = new ReadAhead(planned, (f) => ctx.store.blobs.read(f.blobHash), { ...READ_AHEAD, sizeOf: (f) => f.size });
    async function* entryBytes(file: PlannedFile): AsyncGenerator<Buffer> {
      await messageUpTo(file.akte);
      const stored = await ahead.next();
      if (file.original) {
        yield stored;
        return;
      }
      let checked = prepared.get(file.blobHash);
      if (!checked) {
        const { document, version } = findVersion(await content.get(file.akte), file.versionUuid);
        checked = await prepareFile(checking, document, version, stored);
        prepared.set(file.blobHash, checked);
      }
      yield checked.rendition ? await readFile(checked.rendition) : stored;
    }
    const from: PackageSource<PlannedFile> = {
      open: entryBytes,
      sha256: (file) => (file.original ? file.blobHash : prepared.get(file.blobHash)!.sha256),
    };
    let message: WrittenHandoverMessage | undefined;
    const zip = await writeHandoverPackage(dir, row.prozess_id, createdAt, planned, from, async () => {
      await messageUpTo(akten.length);
      return (message = await writer.finish());
    });
    const stored = await ctx.store.blobs.putStream(createReadStream(message!.path));
    await recordExport(ctx, row, { akten, report, message: stored, createdAt, zip: { sha256: zip.sha256, size: zip.size } });
    return { package: { path: zip.path, size: zip.size, sha256: zip.sha256 }, files: report };
  } finally {
    // Verdicts found before a failure are kept too: a retry does not check those files again.
    await checking.verdicts.flush().catch((err: unknown) => ctx.logger.warn('pdfa verdicts not kept', { prozessId: row.prozess_id, code: errorCode(err) }));
    await writer.abort(); // closes the message file when the export failed before it was finished
    await rm(workDir, { recursive: true, force: true });
  }
}

/** How one version goes into the package: its name and format in the message, its report line. */
function packageEntry(akte: AkteRecord, document: DocumentRecord, version: VersionRecord, file: PreparedFile) {
  const o = file.outcome;
  const pdf = o.outcome !== 'not_conforming';
  const fileName = sentFileName(version, o.outcome === 'converted');
  const mimeType = pdf ? 'application/pdf' : version.mimeType;
  const sent = { fileName, format: formatOf({ mimeType, fileName, ...(pdf && o.version ? { pdfaVersion: o.version } : {}) }) };
  // A scan made PDF/A travels with its original image: the archive reads the PDF/A and keeps the scan as it was.
  const files = [sent];
  if (o.outcome === 'converted' && isConvertibleImage(version.mimeType)) {
    const original = sentFileName(version, false);
    files.push({ fileName: original, format: formatOf({ mimeType: version.mimeType, fileName: original }) });
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
  return { packaged, report };
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

import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../contract/app-error';
import type { ErrorParams } from '../../contract/errors/index';
import {
  assertMessageFileSchema,
  defaultXmlLimits,
  parseMessageFileName,
  streamMessageObjects,
  type DocumentFormat,
  type MessageHeader,
  type StreamedObject,
  type XdomeaVersion,
  type XmlLimits,
} from '../xdomea/index';
import type { ZipLimits } from '../zip/index';
import { parseManifest } from '../aussonderung/manifest';
import { checkFile, type FileCheck } from './file-checks';
import { statusOf, worst, type Finding, type Status } from './findings';
import type { IdentifiedFormat } from './format-id';
import type { ImageInfo } from './image-info';
import { openPackageSource, type PackageSource } from './source';
import { taskWindow } from './task-window';
import { virusFindings, type VirusCheck, type VirusScanner } from './virus-scan';


/** One Primaerdokument as received: where it lies after extraction and what the checks found. */
export interface FileReport {
  readonly fileName: string;
  readonly present: boolean;
  readonly path?: string;
  readonly size?: number;
  /** Computed on extraction; xdomea 3.x carries no checksum to compare it with. */
  readonly sha256?: string;
  readonly format?: IdentifiedFormat;
  readonly image?: ImageInfo;
  readonly encoding?: 'ascii' | 'utf-8';
}

export interface FormatNode {
  /** Code of the xdomea Dateiformat list, as declared by the sender. */
  readonly declaredCode: string;
  readonly declaredVersion: string;
  readonly file: FileReport;
  readonly status: Status;
  readonly findings: readonly Finding[];
}

export interface VersionNode {
  readonly number: string;
  readonly formats: readonly FormatNode[];
}

/** One object of the report as the checks leave it; its children are rows of their own (same `top`). */
export interface ObjectRow {
  /** Preorder over the message's objects (cover letters first), parents before children. */
  readonly position: number;
  /** 0 for a top-level Akte, Vorgang, Dokument or Anschreiben. */
  readonly depth: number;
  /** Position of its top-level object: the 0506 reports each object's errors there. */
  readonly top: number;
  readonly kind: 'akte' | 'vorgang' | 'dokument';
  readonly xdomeaUuid: string;
  readonly title?: string;
  readonly aktenzeichen?: string;
  /** Worst of its own findings and those of its files (not of its children). */
  readonly status: Status;
  readonly findings: readonly Finding[];
  readonly versions: readonly VersionNode[];
}

export interface ObjectCounts {
  readonly akten: number;
  readonly vorgaenge: number;
  readonly dokumente: number;
  readonly versionen: number;
  readonly formate: number;
  readonly primaerdateien: number;
}

export interface RefusedPackage {
  readonly code: string;
  readonly params: ErrorParams;
}

/** A received 0503 apart from its objects, which went to the sink one row at a time. */
export interface IngestSummary {
  readonly source: string;
  /** Worst status over the package and all objects (duplicates included); `error` when refused. */
  readonly status: Status;
  /** Set when the package could not be read at all (unsafe ZIP, XXE, schema, unknown version). */
  readonly refused?: RefusedPackage;
  readonly version?: XdomeaVersion;
  readonly prozessId?: string;
  readonly messageEntry?: string;
  /** The original message, kept byte for byte for the submission package. */
  readonly messagePath?: string;
  /** The 0503's header: the confirmations go back to its sender. */
  readonly header?: MessageHeader;
  /** Problems of the package as a whole: unreferenced entries, name and ProzessID disagreeing. */
  readonly packageFindings: readonly Finding[];
  /** What the configured scanner said about the package as received; absent when none is configured. */
  readonly virusCheck?: VirusCheck;
  readonly counts: ObjectCounts;
  /**
   * Lower-cased UUIDs of more than one object. Rows are handed over before the message is read to its
   * end, so their `duplicate_uuid` finding is added by whoever keeps them (`withDuplicateFinding`).
   */
  readonly duplicates: ReadonlySet<string>;
}

/** Receives the report's objects one at a time, in no particular order (they carry their positions). */
export type ObjectSink = (row: ObjectRow) => Promise<void> | void;

/** A primary file as read: its bytes went to `keep`, which says under which SHA-256 (and path) it lies. */
interface ReceivedFile {
  readonly name: string;
  readonly path?: string;
  readonly size: number;
  readonly sha256: string;
  readonly check: FileCheck;
}

/**
 * Takes the bytes of one primary file after they were read (once) for the checks: by default they are
 * written into `workDir/files/`; the register passes a blob-store batch, so nothing is copied twice.
 */
export type KeepFile = (name: string, bytes: Buffer) => Promise<{ sha256: string; path?: string }>;

export interface ReceiveOptions {
  readonly zipLimits?: Partial<ZipLimits>;
  readonly xmlLimits?: XmlLimits;
  readonly keep?: KeepFile;
  /** Scans the package as received (folder or ZIP) alongside the checks; findings for what it reports. */
  readonly scanner?: VirusScanner;
  /**
   * Called (during the receive, at most once) when the message passed its XSD check and the virus scan,
   * if any, found nothing: from then on the files handed to `keep` belong to a package that is not refused
   * for either reason, so they may be made durable before the end. Not called for a package refused or
   * infected.
   */
  readonly onCleared?: () => void;
}

const zeroCounts: ObjectCounts = {
  akten: 0,
  vorgaenge: 0,
  dokumente: 0,
  versionen: 0,
  formate: 0,
  primaerdateien: 0,
};
const MESSAGE_SUFFIX = '_Aussonderung.Aussonderung.0503.xml';

// The message is the one top-level XML named like a 0503; when none is, the only top-level XML (the
// Thüringen toolkit names it `xx_…`).
function findMessageEntry(entries: readonly string[], source: string): string {
  const topLevelXml = entries.filter((e) => !e.includes('/') && /\.xml$/i.test(e));
  const named = topLevelXml.filter((e) => e.endsWith(MESSAGE_SUFFIX));
  const candidates = named.length > 0 ? named : topLevelXml;
  if (candidates.length !== 1)
    throw new AppError(
      'xdomea.package_message_missing',
      { package: source },
      `${candidates.length} message candidates`,
    );
  return candidates[0]!;
}

function nameFindings(source: string, messageEntry: string, prozessId: string): Finding[] {
  const findings: Finding[] = [];
  for (const name of [source, messageEntry]) {
    const parsed = parseMessageFileName(name);
    if (parsed !== undefined && parsed.prozessId.toLowerCase() !== prozessId.toLowerCase())
      findings.push({ status: 'error', code: 'prozess_id_mismatch', detail: name });
  }
  return findings;
}

// The office side puts a `sha256sum` manifest beside the message (xdomea 3 has no checksum field); other
// systems send none, and then there is nothing to compare with.
const MANIFEST_LIMIT = 16 * 1024 * 1024;
const manifestEntryOf = (entries: readonly string[], messageEntry: string): string | undefined => {
  const name = messageEntry.replace(/\.xml$/i, '.sha256');
  return entries.includes(name) ? name : undefined;
};

interface PackageManifest {
  readonly entry: string;
  readonly hashes: ReadonlyMap<string, string>;
  readonly findings: readonly Finding[];
}

async function readPackageManifest(
  source: PackageSource,
  messageEntry: string,
  messageSha256: string,
): Promise<PackageManifest | undefined> {
  const entry = manifestEntryOf(source.entries, messageEntry);
  if (entry === undefined) return undefined;
  const { lines, invalid } = parseManifest((await source.readBuffer(entry, MANIFEST_LIMIT)).toString('utf8'));
  const hashes = new Map(lines.map((l) => [l.name, l.sha256]));
  const findings: Finding[] = invalid.map((_, i) => ({
    status: 'error',
    code: 'manifest_invalid',
    detail: `${entry} #${i + 1}`,
  }));
  const messageHash = hashes.get(messageEntry);
  if (messageHash !== undefined && messageHash !== messageSha256)
    findings.push({ status: 'error', code: 'checksum_mismatch', detail: messageEntry });
  return { entry, hashes, findings };
}

function withChecksum(
  check: FileCheck,
  file: { name: string; sha256: string },
  manifest: PackageManifest | undefined,
): FileCheck {
  const expected = manifest?.hashes.get(file.name);
  if (expected === undefined || expected === file.sha256) return check;
  return {
    ...check,
    findings: [...check.findings, { status: 'error', code: 'checksum_mismatch', detail: file.name }],
  };
}


function formatNode(format: DocumentFormat, file: ReceivedFile | undefined): FormatNode {
  const name = format.file.fileName;
  if (file === undefined) {
    return {
      declaredCode: format.code,
      declaredVersion: format.formatVersion,
      file: { fileName: name, present: false },
      status: 'error',
      findings: [{ status: 'error', code: 'file_missing', detail: name }],
    };
  }
  const { findings, ...details } = file.check;
  return {
    declaredCode: format.code,
    declaredVersion: format.formatVersion,
    file: {
      fileName: name,
      present: true,
      ...(file.path !== undefined ? { path: file.path } : {}),
      size: file.size,
      sha256: file.sha256,
      ...details,
    },
    status: statusOf(findings),
    findings,
  };
}

/** Adds `duplicate_uuid` to a row whose UUID the summary lists as shared. */
export function withDuplicateFinding(row: ObjectRow, duplicates: ReadonlySet<string>): ObjectRow {
  if (!duplicates.has(row.xdomeaUuid.toLowerCase())) return row;
  const findings: Finding[] = [...row.findings, { status: 'error', code: 'duplicate_uuid', detail: row.xdomeaUuid }];
  return { ...row, findings, status: 'error' };
}

/** Into the work folder, hashed: what `receivePackage` does without a register. */
const keepInFolder =
  (dir: string): KeepFile =>
  async (name, bytes) => {
    const target = path.join(dir, ...name.split('/'));
    if (!target.startsWith(dir + path.sep))
      throw new AppError('zip.unsafe_entry_name', { name, reason: 'Ziel außerhalb des Ordners' }, 'path escape');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes, { flag: 'wx' });
    return { sha256: createHash('sha256').update(bytes).digest('hex'), path: target };
  };

// A primary file is read whole once (the PDF/A preflight needs all of it): Node's largest Buffer.
const PRIMARY_LIMIT = 2 ** 31 - 1;
// Files in flight at once: reading, checking and writing of neighbours overlap.
const FILES_IN_FLIGHT = 4;

const DONE = Symbol('file checked and reported');
// Objects whose files are being checked at once; the message is read on only when one is done.
const OBJECTS_IN_FLIGHT = 64;

/**
 * The message is streamed (never held as a tree): each object, once its end tag is read, gets its files
 * read once each (checked from memory, handed to `keep`) and goes to `sink` as a row. What is kept for
 * the whole message are the names of its files with their check results (several Formate may name the
 * same file) and the UUIDs seen, for duplicates.
 */
async function receiveFrom(
  source: PackageSource,
  workDir: string,
  xmlLimits: XmlLimits,
  keep: KeepFile,
  sink: ObjectSink,
  onSchemaValid: () => void,
): Promise<IngestSummary> {
  const messageEntry = findMessageEntry(source.entries, source.name);
  const messagePath = path.join(workDir, 'message', messageEntry);
  let manifest: PackageManifest | undefined;
  {
    // The bytes are let go before the XSD check, which reads the message from the work folder piece by piece.
    const xml = await source.readBuffer(messageEntry, xmlLimits.maxBytes);
    await mkdir(path.dirname(messagePath), { recursive: true });
    await writeFile(messagePath, xml);
    manifest = await readPackageManifest(source, messageEntry, createHash('sha256').update(xml).digest('hex'));
  }
  // The XSD check (libxml2 in a worker, mostly on the other core) runs while the objects stream and their
  // files are read, which the stream's own safe-XML rules (no DOCTYPE, UTF-8, depth) allow; an invalid
  // message stops the stream at its next object and is refused as invalid, whatever the stream met.
  let invalid: { error: unknown } | undefined;
  const schema = assertMessageFileSchema(messagePath, xmlLimits).then(onSchemaValid, (error: unknown) => {
    invalid = { error };
  });
  const present = new Set(source.entries);
  // Every file name of the message (for unreferenced entries); while its objects are checked, its result.
  // Once its row is written only the name stays: a file named again later is read and checked again.
  const files = new Map<string, Promise<ReceivedFile | undefined> | typeof DONE>();
  const reading = taskWindow(FILES_IN_FLIGHT);
  const objects = taskWindow(OBJECTS_IN_FLIGHT);
  const fileOf = (name: string): Promise<ReceivedFile | undefined> => {
    let file = files.get(name);
    if (file === undefined || file === DONE) {
      file = !present.has(name)
        ? Promise.resolve(undefined)
        : reading.run(async () => {
            const bytes = await source.readBuffer(name, PRIMARY_LIMIT);
            const kept = await keep(name, bytes);
            const received = { name, size: bytes.length, ...kept };
            return { ...received, check: withChecksum(checkFile(name, bytes), received, manifest) };
          });
      files.set(name, file);
    }
    return file;
  };
  const counts = { ...zeroCounts };
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const statuses = new Set<Status>();
  const toRow = async ({ position, depth, top, object }: StreamedObject): Promise<ObjectRow> => {
    const versions: VersionNode[] = [];
    if (object.kind === 'dokument')
      for (const v of object.versions ?? [])
        versions.push({
          number: v.number,
          formats: await Promise.all(v.formats.map(async (f) => formatNode(f, await fileOf(f.file.fileName)))),
        });
    return {
      position,
      depth,
      top,
      kind: object.kind,
      xdomeaUuid: object.xdomeaUuid,
      ...(object.title !== undefined ? { title: object.title } : {}),
      ...(object.aktenzeichen !== undefined ? { aktenzeichen: object.aktenzeichen } : {}),
      status: worst(versions.flatMap((v) => v.formats.map((f) => f.status))),
      findings: [],
      versions,
    };
  };
  const message = await streamMessageObjects(
    messagePath,
    async (streamed) => {
      if (invalid) throw invalid.error;
      const { object } = streamed;
      const key = object.xdomeaUuid.toLowerCase();
      if (seen.has(key)) duplicates.add(key);
      seen.add(key);
      if (object.kind === 'akte') counts.akten++;
      else if (object.kind === 'vorgang') counts.vorgaenge++;
      else {
        counts.dokumente++;
        counts.versionen += object.versions?.length ?? 0;
        for (const v of object.versions ?? []) counts.formate += v.formats.length;
      }
      await objects.start(async () => {
        const row = await toRow(streamed);
        statuses.add(row.status);
        await sink(row);
        for (const v of row.versions) for (const f of v.formats) files.set(f.file.fileName, DONE);
      });
    },
    { limits: xmlLimits, expectedType: '0503' },
  ).catch(async (error: unknown) => {
    // Checks already started finish (or fail) before the caller aborts the blob batch they write into.
    await Promise.allSettled([objects.drain(), reading.drain(), schema]);
    throw invalid?.error ?? error;
  });
  await Promise.all([objects.drain(), reading.drain()]).catch(async (error: unknown) => {
    await schema;
    throw invalid?.error ?? error;
  });
  await schema;
  if (invalid) throw invalid.error;
  const named = new Set([messageEntry, ...files.keys(), ...(manifest ? [manifest.entry] : [])]);
  const packageFindings: Finding[] = [
    ...nameFindings(source.name, messageEntry, message.header.prozessId),
    ...(manifest?.findings ?? []),
    ...source.entries
      .filter((e) => !named.has(e))
      .map((e): Finding => ({ status: 'error', code: 'file_unreferenced', detail: e })),
  ];
  return {
    source: source.name,
    status: worst([...statuses, statusOf(packageFindings), duplicates.size > 0 ? 'error' : 'ok']),
    version: message.version,
    prozessId: message.header.prozessId,
    messageEntry,
    messagePath,
    header: message.header,
    packageFindings,
    counts: { ...counts, primaerdateien: files.size },
    duplicates,
  };
}

/**
 * Receives a 0503 (ZIP or unpacked folder): safe opening, XSD validation, the message's objects streamed
 * to `sink` as rows with every primary file read once, checked and handed to `keep` (default: written into
 * `workDir/files/`), a virus scan when a scanner is given. Nothing is registered here: the rows say per
 * object what is wrong, and a package that cannot be read at all comes back as refused; rows handed to
 * `sink` before it was (the XSD check runs alongside the stream) are to be dropped, as both callers do.
 */
export async function receivePackageInto(
  input: string,
  workDir: string,
  sink: ObjectSink,
  options: ReceiveOptions = {},
): Promise<IngestSummary> {
  let source: PackageSource | undefined;
  let receiving = true;
  try {
    source = await openPackageSource(input, options.zipLimits);
    // Only after the safe opening (bombs, links, names refused); it runs while the files are checked.
    const scanning = options.scanner?.scan(input);
    const clean = scanning?.then((c) => c.outcome !== 'fail', () => false) ?? Promise.resolve(true);
    const summary = await receiveFrom(
      source,
      workDir,
      options.xmlLimits ?? defaultXmlLimits,
      options.keep ?? keepInFolder(path.resolve(workDir, 'files')),
      sink,
      () => void clean.then((ok) => ok && receiving && options.onCleared?.()),
    );
    const virusCheck = await scanning;
    if (virusCheck === undefined) return summary;
    const found = virusFindings(virusCheck);
    return {
      ...summary,
      virusCheck,
      status: worst([summary.status, statusOf(found)]),
      packageFindings: [...summary.packageFindings, ...found],
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      source: path.basename(input),
      status: 'error',
      refused: { code: error.code, params: error.params },
      packageFindings: [{ status: 'error', code: error.code }],
      counts: zeroCounts,
      duplicates: new Set(),
    };
  } finally {
    receiving = false;
    source?.close();
  }
}

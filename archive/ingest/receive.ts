import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../contract/app-error';
import type { ErrorParams } from '../../contract/errors/index';
import {
  assertMessageSchema,
  collectPrimaryFileNames,
  defaultXmlLimits,
  parseMessageFileName,
  readMessage,
  type AussonderungMessage,
  type Dokument,
  type RecordObject,
  type XdomeaVersion,
  type XmlLimits,
} from '../xdomea/index';
import type { ZipLimits } from '../zip/index';
import { mapPool } from '../../core/jobs/pool';
import { parseManifest } from '../aussonderung/manifest';
import { checkFile, type FileCheck } from './file-checks';
import { statusOf, worst, type Finding, type Status } from './findings';
import type { IdentifiedFormat } from './format-id';
import type { ImageInfo } from './image-info';
import { openPackageSource, type PackageSource } from './source';
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

export interface ObjectNode {
  readonly kind: 'akte' | 'vorgang' | 'dokument';
  readonly xdomeaUuid: string;
  readonly title?: string;
  readonly aktenzeichen?: string;
  /** Worst of its own findings and those of its files (not of its children). */
  readonly status: Status;
  readonly findings: readonly Finding[];
  readonly versions: readonly VersionNode[];
  readonly children: readonly ObjectNode[];
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

export interface IngestReport {
  readonly source: string;
  /** Worst status over the package and all objects; `error` when refused. */
  readonly status: Status;
  /** Set when the package could not be read at all (unsafe ZIP, XXE, schema, unknown version). */
  readonly refused?: RefusedPackage;
  readonly version?: XdomeaVersion;
  readonly prozessId?: string;
  readonly messageEntry?: string;
  /** The original message, kept byte for byte for the submission package. */
  readonly messagePath?: string;
  readonly message?: AussonderungMessage;
  /** Problems of the package as a whole: unreferenced entries, name and ProzessID disagreeing. */
  readonly packageFindings: readonly Finding[];
  /** What the configured scanner said about the package as received; absent when none is configured. */
  readonly virusCheck?: VirusCheck;
  readonly counts: ObjectCounts;
  readonly objects: readonly ObjectNode[];
}

/** A primary file as read: its bytes went to `keep`, which says under which SHA-256 (and path) it lies. */
interface ReceivedFile {
  readonly name: string;
  readonly path?: string;
  readonly size: number;
  readonly sha256: string;
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
  file: ReceivedFile,
  manifest: PackageManifest | undefined,
): FileCheck {
  const expected = manifest?.hashes.get(file.name);
  if (expected === undefined || expected === file.sha256) return check;
  return {
    ...check,
    findings: [...check.findings, { status: 'error', code: 'checksum_mismatch', detail: file.name }],
  };
}

interface TreeInput {
  readonly files: ReadonlyMap<string, ReceivedFile>;
  readonly checks: ReadonlyMap<string, FileCheck>;
  /** Lower-cased UUIDs seen more than once. */
  readonly duplicates: ReadonlySet<string>;
}

function formatNode(
  format: NonNullable<Dokument['versions']>[number]['formats'][number],
  input: TreeInput,
): FormatNode {
  const name = format.file.fileName;
  const extracted = input.files.get(name);
  if (extracted === undefined) {
    return {
      declaredCode: format.code,
      declaredVersion: format.formatVersion,
      file: { fileName: name, present: false },
      status: 'error',
      findings: [{ status: 'error', code: 'file_missing', detail: name }],
    };
  }
  const check = input.checks.get(name)!;
  const { findings, ...details } = check;
  return {
    declaredCode: format.code,
    declaredVersion: format.formatVersion,
    file: {
      fileName: name,
      present: true,
      ...(extracted.path !== undefined ? { path: extracted.path } : {}),
      size: extracted.size,
      sha256: extracted.sha256,
      ...details,
    },
    status: statusOf(findings),
    findings,
  };
}

function objectNode(object: RecordObject, input: TreeInput): ObjectNode {
  const findings: Finding[] = input.duplicates.has(object.xdomeaUuid.toLowerCase())
    ? [{ status: 'error', code: 'duplicate_uuid', detail: object.xdomeaUuid }]
    : [];
  const versions: VersionNode[] =
    object.kind === 'dokument'
      ? (object.versions ?? []).map((v) => ({
          number: v.number,
          formats: v.formats.map((f) => formatNode(f, input)),
        }))
      : [];
  const children: RecordObject[] =
    object.kind === 'akte'
      ? [...(object.documents ?? []), ...(object.vorgaenge ?? []), ...(object.teilakten ?? [])]
      : object.kind === 'vorgang'
        ? [...(object.documents ?? []), ...(object.teilvorgaenge ?? [])]
        : [...(object.attachments ?? [])];
  const fileStatuses = versions.flatMap((v) => v.formats.map((f) => f.status));
  return {
    kind: object.kind,
    xdomeaUuid: object.xdomeaUuid,
    ...(object.title !== undefined ? { title: object.title } : {}),
    ...(object.aktenzeichen !== undefined ? { aktenzeichen: object.aktenzeichen } : {}),
    status: worst([statusOf(findings), ...fileStatuses]),
    findings,
    versions,
    children: children.map((c) => objectNode(c, input)),
  };
}

/** Visits the report tree, parents first. */
export function walkNodes(nodes: readonly ObjectNode[], visit: (node: ObjectNode) => void): void {
  for (const node of nodes) {
    visit(node);
    walkNodes(node.children, visit);
  }
}

function countNodes(nodes: readonly ObjectNode[]): ObjectCounts {
  const counts = { ...zeroCounts };
  const files = new Set<string>();
  walkNodes(nodes, (n) => {
    if (n.kind === 'akte') counts.akten++;
    else if (n.kind === 'vorgang') counts.vorgaenge++;
    else counts.dokumente++;
    counts.versionen += n.versions.length;
    for (const v of n.versions) {
      counts.formate += v.formats.length;
      v.formats.forEach((f) => files.add(f.file.fileName));
    }
  });
  return { ...counts, primaerdateien: files.size };
}

function duplicateUuids(objects: readonly RecordObject[]): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const visit = (o: RecordObject): void => {
    const key = o.xdomeaUuid.toLowerCase();
    if (seen.has(key)) duplicates.add(key);
    seen.add(key);
    if (o.kind === 'akte')
      [...(o.documents ?? []), ...(o.vorgaenge ?? []), ...(o.teilakten ?? [])].forEach(visit);
    else if (o.kind === 'vorgang') [...(o.documents ?? []), ...(o.teilvorgaenge ?? [])].forEach(visit);
    else (o.attachments ?? []).forEach(visit);
  };
  objects.forEach(visit);
  return duplicates;
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

async function receiveFrom(
  source: PackageSource,
  workDir: string,
  xmlLimits: XmlLimits,
  keep: KeepFile,
): Promise<IngestReport> {
  const messageEntry = findMessageEntry(source.entries, source.name);
  const xml = await source.readBuffer(messageEntry, xmlLimits.maxBytes);
  await assertMessageSchema(xml, xmlLimits);
  const messagePath = path.join(workDir, 'message', messageEntry);
  await mkdir(path.dirname(messagePath), { recursive: true });
  await writeFile(messagePath, xml);
  const { version, message } = readMessage(xml, xmlLimits);
  if (message.type !== '0503')
    throw new AppError(
      'xdomea.unexpected_message',
      { expected: '0503', actual: message.type },
      `package holds a ${message.type}`,
    );
  const objects = [...(message.coverLetters ?? []), ...message.objects];
  const referenced = collectPrimaryFileNames(objects);
  const present = new Set(source.entries);
  const manifest = await readPackageManifest(
    source,
    messageEntry,
    createHash('sha256').update(xml).digest('hex'),
  );
  // Each file is read once: checked from memory and handed to `keep`, which hashes while it writes.
  const checks = new Map<string, FileCheck>();
  const received = await mapPool(
    referenced.filter((n) => present.has(n)),
    FILES_IN_FLIGHT,
    async (name): Promise<ReceivedFile> => {
      const bytes = await source.readBuffer(name, PRIMARY_LIMIT);
      const kept = await keep(name, bytes);
      const file = { name, size: bytes.length, ...kept };
      checks.set(name, withChecksum(checkFile(name, bytes), file, manifest));
      return file;
    },
  );
  const files = new Map(received.map((f) => [f.name, f]));
  const input: TreeInput = { files, checks, duplicates: duplicateUuids(objects) };
  const tree = objects.map((o) => objectNode(o, input));
  const named = new Set([messageEntry, ...referenced, ...(manifest ? [manifest.entry] : [])]);
  const packageFindings: Finding[] = [
    ...nameFindings(source.name, messageEntry, message.header.prozessId),
    ...(manifest?.findings ?? []),
    ...source.entries
      .filter((e) => !named.has(e))
      .map((e): Finding => ({ status: 'error', code: 'file_unreferenced', detail: e })),
  ];
  const statuses: Status[] = [statusOf(packageFindings)];
  walkNodes(tree, (n) => statuses.push(n.status));
  return {
    source: source.name,
    status: worst(statuses),
    version,
    prozessId: message.header.prozessId,
    messageEntry,
    messagePath,
    message,
    packageFindings,
    counts: countNodes(tree),
    objects: tree,
  };
}

/**
 * Receives a 0503 (ZIP or unpacked folder): safe opening, XSD validation, the message's object tree with
 * every primary file read once, checked and handed to `keep` (default: written into `workDir/files/`), a
 * virus scan when a scanner is given. Nothing is registered here: the report says per object what is
 * wrong, and a package that cannot be read at all comes back as refused.
 */
export async function receivePackage(
  input: string,
  workDir: string,
  options: ReceiveOptions = {},
): Promise<IngestReport> {
  let source: PackageSource | undefined;
  try {
    source = await openPackageSource(input, options.zipLimits);
    // Only after the safe opening (bombs, links, names refused); it runs while the files are checked.
    const scanning = options.scanner?.scan(input);
    const report = await receiveFrom(
      source,
      workDir,
      options.xmlLimits ?? defaultXmlLimits,
      options.keep ?? keepInFolder(path.resolve(workDir, 'files')),
    );
    const virusCheck = await scanning;
    if (virusCheck === undefined) return report;
    const found = virusFindings(virusCheck);
    return {
      ...report,
      virusCheck,
      status: worst([report.status, statusOf(found)]),
      packageFindings: [...report.packageFindings, ...found],
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      source: path.basename(input),
      status: 'error',
      refused: { code: error.code, params: error.params },
      packageFindings: [{ status: 'error', code: error.code }],
      counts: zeroCounts,
      objects: [],
    };
  } finally {
    source?.close();
  }
}

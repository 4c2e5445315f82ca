import { constants } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import type { Status } from './findings';
import type { IngestEvents } from './premis';
import { walkNodes, type IngestReport } from './report-tree';

/** A primary file of an Aussonderung as a package names it. */
export interface PackagedFile {
  readonly fileName: string;
  readonly sha256: string;
  readonly size: number;
  readonly puid?: string;
}

/** An object of the 0503 for the package's structure, with the names of its primary files. */
export interface PackagedObject {
  readonly depth: number;
  readonly kind: 'akte' | 'vorgang' | 'dokument';
  readonly xdomeaUuid: string;
  readonly title?: string;
  readonly fileNames: readonly string[];
}

/**
 * What a packager reads of a received Aussonderung, piece by piece: from the register's rows and blobs, or
 * from a report tree and the receive work folder.
 */
export interface SubmissionContent {
  readonly prozessId: string;
  readonly messageEntry: string;
  readonly xdomeaVersion: string;
  /** Including the appraisal comparison; only `ok`/`warning` is packaged. */
  readonly status: Status;
  /** Present primary files, once each. */
  files(): AsyncIterable<PackagedFile>;
  /** Objects in preorder (parents first). */
  objects(): AsyncIterable<PackagedObject>;
  /**
   * Copies a primary file to the new file `dest`, not fsynced. Its SHA-256 is the one taken when it was
   * received (the blob's name); a plain copy is not re-hashed, a decrypted one is checked on the way.
   */
  copyTo(file: Pick<PackagedFile, 'fileName' | 'sha256'>, dest: string): Promise<void>;
  message(): Promise<Buffer>;
}

/** A report tree whose files lie in the receive work folder (`receivePackage` without a register). */
export function workFolderContent(report: IngestReport): SubmissionContent {
  if (report.prozessId === undefined || report.messageEntry === undefined || report.messagePath === undefined)
    throw new Error('a refused package has nothing to package');
  const objects: PackagedObject[] = [];
  const files = new Map<string, PackagedFile & { path: string }>();
  const depths = new Map<object, number>();
  report.objects.forEach((n) => depths.set(n, 0));
  walkNodes(report.objects, (n) => {
    const depth = depths.get(n)!;
    n.children.forEach((c) => depths.set(c, depth + 1));
    const formats = n.versions.flatMap((v) => v.formats);
    objects.push({
      depth,
      kind: n.kind,
      xdomeaUuid: n.xdomeaUuid,
      ...(n.title !== undefined ? { title: n.title } : {}),
      fileNames: formats.map((f) => f.file.fileName),
    });
    for (const { file: f } of formats)
      if (f.present && !files.has(f.fileName))
        files.set(f.fileName, {
          fileName: f.fileName,
          sha256: f.sha256!,
          size: f.size!,
          path: f.path!,
          ...(f.format ? { puid: f.format.puid } : {}),
        });
  });
  const messagePath = report.messagePath;
  return {
    prozessId: report.prozessId,
    messageEntry: report.messageEntry,
    xdomeaVersion: report.version ?? '',
    status: report.status,
    files: async function* () {
      yield* files.values();
    },
    objects: async function* () {
      yield* objects;
    },
    copyTo: (f, dest) => copyFile(files.get(f.fileName)!.path, dest, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE),
    message: () => readFile(messagePath),
  };
}

/** A submission package for one accepted Aussonderung, whatever the target archive system expects. */
export interface WrittenSubmission {
  readonly target: string;
  readonly path: string;
  /** Path inside the package → SHA-256, for the fixity register. */
  readonly files: ReadonlyMap<string, string>;
}

/** One per target system (DiPS.kommunal as BagIt today; DIMAG or Archivematica can be added beside it). */
export interface SubmissionPackager {
  readonly target: string;
  write(content: SubmissionContent, events: IngestEvents, outDir: string): Promise<WrittenSubmission>;
}

import { readFile } from 'node:fs/promises';
import type { IngestEvents } from './premis';
import type { FileReport, IngestReport } from './receive';

/** Where a packager gets the bytes: the receive work folder, or the archive's blob store. */
export interface PayloadSource {
  file(file: FileReport): Promise<Buffer>;
  message(): Promise<Buffer>;
}

/** The files as `receivePackage` left them in its work folder. */
export const workFolderPayload = (report: IngestReport): PayloadSource => ({
  file: (f) => readFile(f.path!),
  message: () => readFile(report.messagePath!),
});

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
  write(
    report: IngestReport,
    events: IngestEvents,
    outDir: string,
    source?: PayloadSource,
  ): Promise<WrittenSubmission>;
}

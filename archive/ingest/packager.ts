import type { IngestEvents } from './premis';
import type { IngestReport } from './receive';

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
  write(report: IngestReport, events: IngestEvents, outDir: string): Promise<WrittenSubmission>;
}

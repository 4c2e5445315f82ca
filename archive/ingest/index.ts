/**
 * The archive's side of the Aussonderung (Stadtarchiv ingest): receiving a 0503 with per-object checks.
 */
export {
  receivePackageInto,
  type FileReport,
  type FormatNode,
  type IngestSummary,
  type ObjectCounts,
  type ObjectRow,
  type ObjectSink,
  type ReceiveOptions,
  type RefusedPackage,
  type VersionNode,
} from './receive';
export { receivePackage, treeOf, walkNodes, type IngestReport, type ObjectNode } from './report-tree';
export { identifyFormat, type IdentifiedFormat } from './format-id';
export { checkFile, type FileCheck } from './file-checks';
export type { Finding, Status } from './findings';
export {
  buildConfirmations,
  writeConfirmations,
  type Confirmations,
  type WrittenConfirmations,
} from './confirm';
export { bagitPackager } from './bagit';
export {
  workFolderContent,
  type PackagedFile,
  type PackagedObject,
  type SubmissionContent,
  type SubmissionPackager,
  type WrittenSubmission,
} from './packager';
export type { IngestEvents } from './premis';
export { applyAppraisal } from './appraisal';
export { checkBagFixity, type FixityChange } from './bag-fixity';

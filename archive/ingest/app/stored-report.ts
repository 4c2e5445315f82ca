import { worst, type Finding } from '../findings';
import type { FormatNode, IngestSummary, ObjectRow, VersionNode } from '../receive';

/**
 * The package-level report as the register keeps it in `archiv_receipt.report`: without the objects (rows
 * of `archiv_object` / `archiv_object_report`), the message header and the receive work folder's paths.
 * Receipts stored before migration 0014 also carry their whole tree there; it is not read any more.
 */
export type StoredReport = Omit<IngestSummary, 'messagePath' | 'header' | 'duplicates'>;

export function toStoredReport(summary: IngestSummary, extraError: boolean): StoredReport {
  const { messagePath: _path, header: _header, duplicates: _duplicates, ...rest } = summary;
  return extraError ? { ...rest, status: 'error' } : rest;
}

const storedFormat = (f: FormatNode): FormatNode => {
  const { path: _workPath, ...file } = f.file;
  return { ...f, file };
};

/** A row as stored: file paths of the work folder dropped, a finding of the register (already archived) added. */
export function storedRow(row: ObjectRow, extra: Finding | undefined): ObjectRow {
  const versions: VersionNode[] = row.versions.map((v) => ({ ...v, formats: v.formats.map(storedFormat) }));
  if (extra === undefined) return { ...row, versions };
  return { ...row, versions, findings: [...row.findings, extra], status: worst([row.status, extra.status]) };
}

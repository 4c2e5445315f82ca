import type { ErrorParams } from '../../../contract/errors/index';
import { errorTable, germanMessage, type ErrorCode } from '../../../contract/errors/index';
import type {
  ArchivFile,
  ArchivFinding,
  ArchivObject,
  ArchivReceiptDetail,
  ArchivReceiptSummary,
} from '../../../contract/methods/archiv';
import type { Queryable } from '../../../core/store/store';
import { readMessage, type AppraisalMessage } from '../../xdomea/index';
import { applyAppraisal } from '../appraisal';
import type { Finding } from '../findings';
import type { FormatNode, ObjectNode } from '../receive';
import { appraisalXml, confirmationsOf, submissionOf, type ReceiptRow } from './register';
import type { StoredReport } from './stored-report';

const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(errorTable, code);

/** Ingest codes (`file_missing`) have their German text as `archiv.file_missing`; refusals are error codes. */
export function germanFinding(code: string, detail: string | undefined, params: ErrorParams = {}): string {
  const key = code.includes('.') ? code : `archiv.${code}`;
  return isErrorCode(key) ? germanMessage(key, { detail: detail ?? '', ...params }) : code;
}

const finding = (f: Finding, params?: ErrorParams): ArchivFinding => ({
  status: f.status,
  code: f.code,
  detail: f.detail ?? null,
  text: germanFinding(f.code, f.detail, params),
});

const file = (versionNumber: string, f: FormatNode): ArchivFile => ({
  fileName: f.file.fileName,
  versionNumber,
  declaredCode: f.declaredCode,
  present: f.file.present,
  size: f.file.size ?? null,
  sha256: f.file.sha256 ?? null,
  puid: f.file.format?.puid ?? null,
  formatName: f.file.format?.name ?? null,
  image: f.file.image
    ? { width: f.file.image.width, height: f.file.image.height, dpi: f.file.image.dpi ?? null }
    : null,
  encoding: f.file.encoding ?? null,
  status: f.status,
  findings: f.findings.map((x) => finding(x)),
});

function flatten(nodes: readonly ObjectNode[], depth: number, out: ArchivObject[]): ArchivObject[] {
  for (const n of nodes) {
    out.push({
      kind: n.kind,
      xdomeaUuid: n.xdomeaUuid,
      depth,
      title: n.title ?? null,
      aktenzeichen: n.aktenzeichen ?? null,
      status: n.status,
      findings: n.findings.map((f) => finding(f)),
      files: n.versions.flatMap((v) => v.formats.map((f) => file(v.number, f))),
    });
    flatten(n.children, depth + 1, out);
  }
  return out;
}

/** The stored report with the comparison against the archive's own 0502, when one is recorded. */
export async function effectiveReport(
  q: Queryable,
  row: ReceiptRow,
): Promise<{ report: StoredReport; appraisalKnown: boolean }> {
  const stored = JSON.parse(row.report) as StoredReport;
  const xml = row.prozess_id ? await appraisalXml(q, row.prozess_id) : undefined;
  if (xml === undefined) return { report: stored, appraisalKnown: false };
  return {
    report: applyAppraisal(stored, readMessage(xml).message as AppraisalMessage),
    appraisalKnown: true,
  };
}

export async function summaryOf(
  q: Queryable,
  row: ReceiptRow,
  report: StoredReport,
  appraisalKnown: boolean,
): Promise<ArchivReceiptSummary> {
  const confirmation = (await confirmationsOf(q, row.id)).find((c) => c.type === '0506');
  const submission = await submissionOf(q, row.id);
  return {
    receiptId: row.uuid,
    prozessId: row.prozess_id,
    sourceName: row.source_name,
    xdomeaVersion: row.xdomea_version,
    status: report.status,
    refused: report.refused
      ? {
          code: report.refused.code,
          text: germanFinding(report.refused.code, undefined, report.refused.params),
        }
      : null,
    receivedAt: row.received_at,
    receivedBy: row.received_by,
    counts: report.counts,
    appraisalKnown,
    confirmation: confirmation
      ? { accepted: confirmation.accepted === 1, at: confirmation.created_at }
      : null,
    submission: submission
      ? { target: submission.target, path: submission.path, at: submission.created_at }
      : null,
  };
}

export async function detailOf(q: Queryable, row: ReceiptRow): Promise<ArchivReceiptDetail> {
  const { report, appraisalKnown } = await effectiveReport(q, row);
  return {
    ...(await summaryOf(q, row, report, appraisalKnown)),
    packageFindings: report.packageFindings.map((f) =>
      finding(f, f.code === report.refused?.code ? report.refused.params : undefined),
    ),
    objects: flatten(report.objects, 0, []),
  };
}

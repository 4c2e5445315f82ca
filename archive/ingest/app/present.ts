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
import { appraisalDecisions, compareAppraisal, type AppraisalComparison } from '../appraisal';
import { worst, type Finding, type Status } from '../findings';
import type { FormatNode, VersionNode } from '../receive';
import {
  appraisalXml,
  confirmationsOf,
  deliveredAmong,
  objectCount,
  objectRows,
  submissionOf,
  topLevelUuids,
  type ObjectReportRow,
  type ReceiptRow,
} from './register';
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

function toObject(r: ObjectReportRow, extra: Finding | undefined): ArchivObject {
  const own = [...(JSON.parse(r.findings) as Finding[]), ...(extra ? [extra] : [])];
  const versions = JSON.parse(r.versions) as VersionNode[];
  return {
    kind: r.kind,
    xdomeaUuid: r.xdomea_uuid,
    depth: r.depth,
    title: r.title,
    aktenzeichen: r.aktenzeichen,
    status: extra ? worst([r.status, extra.status]) : r.status,
    findings: own.map((f) => finding(f)),
    files: versions.flatMap((v) => v.formats.map((f) => file(v.number, f))),
  };
}

/** The stored package-level report and, when the archive's own 0502 is known, the comparison with it. */
export interface EffectiveReport {
  readonly report: StoredReport;
  readonly appraisal?: AppraisalComparison;
  /** Including the comparison's findings. */
  readonly status: Status;
  readonly packageFindings: readonly Finding[];
}

export async function effectiveReport(q: Queryable, row: ReceiptRow): Promise<EffectiveReport> {
  const report = JSON.parse(row.report) as StoredReport;
  const xml = row.prozess_id && !report.refused ? await appraisalXml(q, row.prozess_id) : undefined;
  if (xml === undefined) return { report, status: report.status, packageFindings: report.packageFindings };
  const appraisal = readMessage(xml).message as AppraisalMessage;
  const archival = [...appraisalDecisions(appraisal)].filter(([, d]) => d === 'A').map(([id]) => id);
  const comparison = compareAppraisal(
    appraisal,
    report.prozessId,
    await topLevelUuids(q, row.id),
    await deliveredAmong(q, row.id, archival),
  );
  const packageFindings = [...report.packageFindings, ...comparison.packageFindings];
  const added = [...comparison.objectFindings.values(), ...comparison.packageFindings].map((f) => f.status);
  return { report, appraisal: comparison, status: worst([report.status, ...added]), packageFindings };
}

export async function summaryOf(q: Queryable, row: ReceiptRow, e: EffectiveReport): Promise<ArchivReceiptSummary> {
  const confirmation = (await confirmationsOf(q, row.id)).find((c) => c.type === '0506');
  const submission = await submissionOf(q, row.id);
  const { report } = e;
  return {
    receiptId: row.uuid,
    prozessId: row.prozess_id,
    sourceName: row.source_name,
    xdomeaVersion: row.xdomea_version,
    status: e.status,
    refused: report.refused
      ? {
          code: report.refused.code,
          text: germanFinding(report.refused.code, undefined, report.refused.params),
        }
      : null,
    receivedAt: row.received_at,
    receivedBy: row.received_by,
    counts: report.counts,
    appraisalKnown: e.appraisal !== undefined,
    confirmation: confirmation
      ? { accepted: confirmation.accepted === 1, at: confirmation.created_at }
      : null,
    submission: submission
      ? { target: submission.target, path: submission.path, at: submission.created_at }
      : null,
  };
}

/** The receipt with one page of its objects (preorder from `offset`), findings of the comparison included. */
export async function detailOf(
  q: Queryable,
  row: ReceiptRow,
  page: { offset: number; limit: number },
): Promise<ArchivReceiptDetail> {
  const e = await effectiveReport(q, row);
  const objects = await objectRows(q, row.id, page.offset, page.limit);
  const extra = (r: ObjectReportRow) => (r.depth === 0 ? e.appraisal?.objectFindings.get(r.xdomea_uuid) : undefined);
  const refused = e.report.refused;
  return {
    ...(await summaryOf(q, row, e)),
    packageFindings: e.packageFindings.map((f) => finding(f, f.code === refused?.code ? refused.params : undefined)),
    objects: objects.map((r) => toObject(r, extra(r))),
    objectsOffset: page.offset,
    objectsTotal: await objectCount(q, row.id),
    appraisalFindings: e.appraisal ? e.appraisal.objectFindings.size + e.appraisal.packageFindings.length : 0,
  };
}

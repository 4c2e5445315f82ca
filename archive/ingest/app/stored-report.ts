import { walkNodes, type FormatNode, type IngestReport, type ObjectNode } from '../receive';
import { statusOf, worst, type Finding, type Status } from '../findings';

/**
 * The report as the register keeps it: without the parsed message (its bytes are a blob) and without the
 * paths of the receive work folder, which is gone once the receipt is stored.
 */
export type StoredReport = Omit<IngestReport, 'message' | 'messagePath'>;

const storedFormat = (f: FormatNode): FormatNode => {
  const { path: _workPath, ...file } = f.file;
  return { ...f, file };
};

const storedNode = (n: ObjectNode): ObjectNode => ({
  ...n,
  versions: n.versions.map((v) => ({ ...v, formats: v.formats.map(storedFormat) })),
  children: n.children.map(storedNode),
});

export function toStoredReport(report: IngestReport): StoredReport {
  const { message: _message, messagePath: _messagePath, ...rest } = report;
  return { ...rest, objects: rest.objects.map(storedNode) };
}

/** Adds findings to the objects named by UUID (any depth) and recomputes the statuses. */
export function addObjectFindings(
  report: StoredReport,
  findings: ReadonlyMap<string, Finding>,
): StoredReport {
  if (findings.size === 0) return report;
  const visit = (n: ObjectNode): ObjectNode => {
    const children = n.children.map(visit);
    const extra = findings.get(n.xdomeaUuid.toLowerCase());
    if (extra === undefined) return { ...n, children };
    const own = [...n.findings, extra];
    return { ...n, children, findings: own, status: worst([n.status, statusOf(own)]) };
  };
  const objects = report.objects.map(visit);
  const statuses: Status[] = [statusOf(report.packageFindings)];
  walkNodes(objects, (n) => statuses.push(n.status));
  return { ...report, objects, status: worst(statuses) };
}

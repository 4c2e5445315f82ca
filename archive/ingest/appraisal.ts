import type { AppraisalMessage } from '../xdomea/index';
import { statusOf, worst, type Finding, type Status } from './findings';
import { walkNodes, type IngestReport, type ObjectNode } from './receive';

/**
 * Compares a received 0503 with the archive's own 0502 of the same ProzessID: every object appraised A
 * must be delivered, nothing appraised V or never offered may be. Returns the report with the findings
 * added, so the archivist sees them on the objects and the 0506 reports them.
 */
export function applyAppraisal(report: IngestReport, appraisal: AppraisalMessage): IngestReport {
  const decisions = new Map(
    appraisal.appraisals.map((a) => [
      a.xdomeaUuid.toLowerCase(),
      typeof a.decision === 'string' ? a.decision : a.decision.configured,
    ]),
  );
  const delivered = new Set<string>();
  walkNodes(report.objects, (n) => delivered.add(n.xdomeaUuid.toLowerCase()));

  const objectFinding = (node: ObjectNode): Finding | undefined => {
    const decision = decisions.get(node.xdomeaUuid.toLowerCase());
    if (decision === undefined) return { status: 'error', code: 'not_appraised' };
    if (decision === 'V') return { status: 'error', code: 'appraised_destroy' };
    if (decision !== 'A') return { status: 'warning', code: 'appraisal_not_final', detail: decision };
    return undefined;
  };
  const objects = report.objects.map((node): ObjectNode => {
    const finding = objectFinding(node);
    if (finding === undefined) return node;
    const findings = [...node.findings, finding];
    return { ...node, findings, status: worst([node.status, statusOf(findings)]) };
  });
  const packageFindings: Finding[] = [
    ...report.packageFindings,
    ...(appraisal.header.prozessId.toLowerCase() !== report.prozessId?.toLowerCase()
      ? [
          {
            status: 'error' as const,
            code: 'appraisal_prozess_id_mismatch',
            detail: appraisal.header.prozessId,
          },
        ]
      : []),
    ...[...decisions]
      .filter(([id, decision]) => decision === 'A' && !delivered.has(id))
      .map(([id]): Finding => ({ status: 'error', code: 'archival_object_missing', detail: id })),
  ];
  const statuses: Status[] = [statusOf(packageFindings)];
  walkNodes(objects, (n) => statuses.push(n.status));
  return { ...report, objects, packageFindings, status: worst(statuses) };
}

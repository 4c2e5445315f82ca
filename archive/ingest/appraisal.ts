import type { AppraisalMessage } from '../xdomea/index';
import { statusOf, worst, type Finding, type Status } from './findings';
import { walkNodes, type IngestReport, type ObjectNode } from './report-tree';

/** What the comparison with the archive's 0502 adds: findings on top-level objects and on the package. */
export interface AppraisalComparison {
  /** By lower-cased UUID of a top-level object. */
  readonly objectFindings: ReadonlyMap<string, Finding>;
  readonly packageFindings: readonly Finding[];
}

/** The 0502's decisions by lower-cased UUID (A, B, V or a configured value). */
export const appraisalDecisions = (appraisal: AppraisalMessage): Map<string, string> =>
  new Map(
    appraisal.appraisals.map((a) => [
      a.xdomeaUuid.toLowerCase(),
      typeof a.decision === 'string' ? a.decision : a.decision.configured,
    ]),
  );

/**
 * Compares a received 0503 with the archive's own 0502 of the same ProzessID: every object appraised A
 * must be delivered (`delivered`: the lower-cased UUIDs of those among them that are, at any depth),
 * nothing appraised V or never offered may be at the top level.
 */
export function compareAppraisal(
  appraisal: AppraisalMessage,
  prozessId: string | undefined,
  topLevelUuids: Iterable<string>,
  delivered: ReadonlySet<string>,
): AppraisalComparison {
  const decisions = appraisalDecisions(appraisal);
  const objectFindings = new Map<string, Finding>();
  for (const uuid of topLevelUuids) {
    const key = uuid.toLowerCase();
    const decision = decisions.get(key);
    if (decision === undefined) objectFindings.set(key, { status: 'error', code: 'not_appraised' });
    else if (decision === 'V') objectFindings.set(key, { status: 'error', code: 'appraised_destroy' });
    else if (decision !== 'A')
      objectFindings.set(key, { status: 'warning', code: 'appraisal_not_final', detail: decision });
  }
  const packageFindings: Finding[] = [
    ...(appraisal.header.prozessId.toLowerCase() !== prozessId?.toLowerCase()
      ? [{ status: 'error' as const, code: 'appraisal_prozess_id_mismatch', detail: appraisal.header.prozessId }]
      : []),
    ...[...decisions]
      .filter(([id, decision]) => decision === 'A' && !delivered.has(id))
      .map(([id]): Finding => ({ status: 'error', code: 'archival_object_missing', detail: id })),
  ];
  return { objectFindings, packageFindings };
}

/** A comparison's findings added to the report tree (objects and package), statuses recomputed. */
export function applyAppraisal(report: IngestReport, appraisal: AppraisalMessage): IngestReport {
  const delivered = new Set<string>();
  walkNodes(report.objects, (n) => delivered.add(n.xdomeaUuid.toLowerCase()));
  const { objectFindings, packageFindings } = compareAppraisal(
    appraisal,
    report.prozessId,
    report.objects.map((n) => n.xdomeaUuid),
    delivered,
  );
  const objects = report.objects.map((node): ObjectNode => {
    const finding = objectFindings.get(node.xdomeaUuid.toLowerCase());
    if (finding === undefined) return node;
    const findings = [...node.findings, finding];
    return { ...node, findings, status: worst([node.status, statusOf(findings)]) };
  });
  const all = [...report.packageFindings, ...packageFindings];
  const statuses: Status[] = [statusOf(all)];
  walkNodes(objects, (n) => statuses.push(n.status));
  return { ...report, objects, packageFindings: all, status: worst(statuses) };
}

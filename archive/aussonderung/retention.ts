import type { ExpiringAkte } from '../../contract/methods/aussonderung';
import type { ArchivalHint } from '../../contract/schemas/records';
import { akteVisibility, type Caller } from '../../core/access/index';
import { isRetentionExpired, retentionExpiresOn } from '../../core/domain/retention';
import type { Queryable } from '../../core/store/store';

interface Row {
  uuid: string;
  aktenzeichen: string;
  title: string;
  amt_id: string;
  plan_number: string;
  plan_title: string;
  zda_at: string;
  retention_years: number;
  archival_hint: ArchivalHint | null;
  legal_hold: string | null;
  prozess_id: string | null;
}

/**
 * Closed Akten whose retention has expired on `today`, per Amt and Aktenzeichen, with the Aktenplan's
 * archival hint. Akten under legal hold are listed (so the archivist sees why they stay) but marked.
 */
export async function listExpiring(q: Queryable, caller: Caller, today: string, amtId?: string): Promise<ExpiringAkte[]> {
  const vis = akteVisibility(caller);
  const rows = await q.all<Row>(
    `SELECT a.uuid, a.aktenzeichen, a.title, a.amt_id, p.number AS plan_number, p.title AS plan_title, a.zda_at,
            p.retention_years, p.archival_hint, a.legal_hold,
            (SELECT s.prozess_id FROM aussonderung_object o JOIN aussonderung s ON s.id = o.aussonderung_id
             WHERE o.akte_uuid = a.uuid AND s.completed_at IS NULL AND o.deleted_at IS NULL
             ORDER BY s.id DESC LIMIT 1) AS prozess_id
     FROM akte a JOIN aktenplan_entry p ON p.id = a.aktenplan_entry_id
     WHERE ${vis.sql} AND a.status = 'zda' AND p.retention_years IS NOT NULL ${amtId ? 'AND a.amt_id = ?' : ''}
     ORDER BY a.amt_id, a.aktenzeichen`,
    [...vis.params, ...(amtId ? [amtId] : [])],
  );
  return rows
    .filter((r) => isRetentionExpired(r.zda_at, r.retention_years, today))
    .map((r) => ({
      uuid: r.uuid,
      aktenzeichen: r.aktenzeichen,
      title: r.title,
      amtId: r.amt_id,
      aktenplanNumber: r.plan_number,
      aktenplanTitle: r.plan_title,
      zdaAt: r.zda_at,
      retentionYears: r.retention_years,
      expiresOn: retentionExpiresOn(r.zda_at, r.retention_years),
      archivalHint: r.archival_hint,
      legalHold: r.legal_hold,
      prozessId: r.prozess_id,
    }));
}

import type { AktenplanEntry } from '../../contract/schemas/records';
import type { Queryable } from '../store/db';
import { toAktenplanEntry, type AktenplanRow } from './rows';

/** The Aktenplan is not personal data: every logged-in user sees all of it, in number order. */
export async function listAktenplan(q: Queryable, amtId?: string): Promise<AktenplanEntry[]> {
  const rows = await q.all<AktenplanRow>(
    `SELECT e.uuid, e.number, e.title, p.uuid AS parent_uuid, e.amt_id, e.retention_years, e.archival_hint,
            (SELECT count(*) FROM aktenplan_entry c WHERE c.parent_id = e.id) AS child_count
     FROM aktenplan_entry e LEFT JOIN aktenplan_entry p ON p.id = e.parent_id
     ${amtId ? 'WHERE e.amt_id = ?' : ''}
     ORDER BY e.number`,
    amtId ? [amtId] : [],
  );
  return rows.map(toAktenplanEntry);
}

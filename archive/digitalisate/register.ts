import { AppError } from '../../contract/app-error';
import type { DigitalisatDetail, DigitalisatPage, DigitalisatSummary } from '../../contract/methods/digitalisate';
import type { Queryable } from '../../core/store/store';

/** Reads of the Digitalisate register (migration 0011); writes sit in the services, in their transactions. */

export interface UnitRow {
  id: number;
  uuid: string;
  bestand: string;
  signatur: string;
  titel: string;
  laufzeit: string;
  provenienz: string;
  created_at: string;
  created_by: string;
}

export interface PageRow {
  position: number;
  file_name: string;
  sha256: string;
  size: number;
  page_in_file: number;
  puid: string;
  format_name: string;
  mime_type: string;
  width: number;
  height: number;
  dpi: number | null;
  colour: DigitalisatPage['colour'];
  added_at: string;
}

interface SubmissionRow {
  unit_id: number;
  target: string;
  path: string;
  pages: number;
  created_at: string;
}

export async function unitByUuid(q: Queryable, uuid: string): Promise<UnitRow> {
  const row = await q.get<UnitRow>('SELECT * FROM archiv_unit WHERE uuid = ?', [uuid]);
  if (!row) throw new AppError('digitalisate.not_found', { id: uuid }, 'unit not found');
  return row;
}

export const pagesOf = (q: Queryable, unitId: number): Promise<PageRow[]> =>
  q.all<PageRow>('SELECT * FROM archiv_unit_page WHERE unit_id = ? ORDER BY position', [unitId]);

/** The newest submission package of each unit (or of the one given). */
const latestSubmissions = (q: Queryable, unitId?: number): Promise<SubmissionRow[]> =>
  q.all<SubmissionRow>(
    `SELECT s.unit_id, s.target, s.path, s.pages, s.created_at FROM archiv_unit_submission s
     WHERE s.id = (SELECT max(id) FROM archiv_unit_submission WHERE unit_id = s.unit_id)
     ${unitId === undefined ? '' : 'AND s.unit_id = ?'}`,
    unitId === undefined ? [] : [unitId],
  );

function summary(row: UnitRow, pageCount: number, sub: SubmissionRow | undefined): DigitalisatSummary {
  return {
    unitId: row.uuid,
    bestand: row.bestand,
    signatur: row.signatur,
    titel: row.titel,
    laufzeit: row.laufzeit,
    provenienz: row.provenienz,
    pageCount,
    createdAt: row.created_at,
    createdBy: row.created_by,
    submission: sub ? { target: sub.target, path: sub.path, pages: sub.pages, at: sub.created_at } : null,
  };
}

export async function listUnits(q: Queryable): Promise<DigitalisatSummary[]> {
  const rows = await q.all<UnitRow & { pages: number }>(
    `SELECT u.*, (SELECT count(*) FROM archiv_unit_page p WHERE p.unit_id = u.id) AS pages
     FROM archiv_unit u ORDER BY u.bestand, u.signatur`,
  );
  const subs = new Map((await latestSubmissions(q)).map((s) => [s.unit_id, s]));
  return rows.map((r) => summary(r, r.pages, subs.get(r.id)));
}

export async function unitDetail(q: Queryable, row: UnitRow): Promise<DigitalisatDetail> {
  const pages = await pagesOf(q, row.id);
  const [sub] = await latestSubmissions(q, row.id);
  return {
    ...summary(row, pages.length, sub),
    pages: pages.map((p) => ({
      position: p.position,
      fileName: p.file_name,
      sha256: p.sha256,
      size: p.size,
      pageInFile: p.page_in_file,
      puid: p.puid,
      formatName: p.format_name,
      mimeType: p.mime_type,
      width: p.width,
      height: p.height,
      dpi: p.dpi,
      colour: p.colour,
      addedAt: p.added_at,
    })),
  };
}

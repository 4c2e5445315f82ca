import { AppError } from '../../contract/app-error';
import { documentVisibility } from '../access/policy';
import type { Caller } from '../access/caller';
import type { Queryable, WriteTx } from '../store/db';
import { loadVisibleAkte } from './akten';
import { recordChange } from './change';
import type { CallCtx } from './context';
import type { AkteRow } from './rows';

/** One document of an Akteneinsicht with the newest version's content reference. */
export interface InspectionDocument {
  uuid: string;
  title: string;
  vorgangAktenzeichen: string;
  date: string | null;
  blobHash: string;
  mimeType: string;
}

/**
 * The documents of a visible Akte for inspection by a party: all of them in file order (Vorgang, then
 * date), or the caller's selection in the caller's order. A selected document outside the Akte is refused
 * rather than left out, so a party never receives less than the clerk believes.
 */
export async function collectAkteneinsicht(
  q: Queryable,
  caller: Caller,
  akteUuid: string,
  documentUuids?: readonly string[],
): Promise<{ akte: AkteRow; documents: InspectionDocument[] }> {
  const akte = await loadVisibleAkte(q, caller, akteUuid);
  const vis = documentVisibility(caller);
  const rows = await q.all<InspectionDocument>(
    `SELECT d.uuid, d.title, v.aktenzeichen AS vorgangAktenzeichen, COALESCE(d.document_date, substr(pi.received_at, 1, 10)) AS date,
            dv.blob_hash AS blobHash, dv.mime_type AS mimeType
     FROM document d JOIN akte a ON a.id = d.akte_id JOIN vorgang v ON v.id = d.vorgang_id
     LEFT JOIN posteingang_item pi ON pi.id = d.posteingang_item_id
     JOIN document_version dv ON dv.document_id = d.id
       AND dv.version_no = (SELECT MAX(version_no) FROM document_version WHERE document_id = d.id)
     WHERE a.id = ? AND ${vis.sql}
     ORDER BY v.running_no, date, d.id`,
    [akte.id, ...vis.params],
  );
  if (!documentUuids) {
    if (!rows.length) throw new AppError('workspace.export_empty', {}, 'akte without documents');
    return { akte, documents: rows };
  }
  const byUuid = new Map(rows.map((r) => [r.uuid, r]));
  const documents = [...new Set(documentUuids)].map((uuid) => {
    const doc = byUuid.get(uuid);
    if (!doc) throw new AppError('workspace.export_foreign_document', { uuid }, 'selected document not in akte');
    return doc;
  });
  return { akte, documents };
}

/** Who showed which documents of an Akte to a party, and the fingerprint of the file handed out. */
export async function recordAkteneinsicht(
  tx: WriteTx,
  ctx: CallCtx,
  akte: AkteRow,
  documents: readonly InspectionDocument[],
  pdf: { sha256: string; pages: number },
): Promise<void> {
  await recordChange(tx, ctx, {
    action: 'akte.akteneinsicht',
    objectType: 'akte',
    objectUuid: akte.uuid,
    amtId: akte.amt_id,
    details: { documents: documents.map((d) => d.uuid), pages: pdf.pages, sha256: pdf.sha256 },
  });
}

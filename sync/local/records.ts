import { appendAudit, appendAuditEntries } from '../../core/audit/audit-log';
import { parseAktenzeichen } from '../../core/domain/aktenzeichen';
import { deleteDocumentRows, deleteVersionRow } from '../../core/records/document-edits';
import type { Queryable, WriteTx } from '../../core/store/db';
import type { LocalAkte, LocalDocument, LocalVersion, LocalVorgang } from '../mapping';

/**
 * The local side of sync: reads the records the DMS must learn about, and writes what the DMS says
 * into the records tables. Remote changes are audited as actor `dms-sync` and write no outbox row:
 * they come from the DMS and must not travel back.
 */
export const SYNC_ACTOR = 'dms-sync';

export const loadAkte = (q: Queryable, uuid: string) =>
  q.get<LocalAkte & { id: number }>(
    `SELECT a.id, a.uuid, a.aktenzeichen, a.title, a.amt_id, p.number AS plan_number, a.opened_at, a.status, a.zda_at
     FROM akte a JOIN aktenplan_entry p ON p.id = a.aktenplan_entry_id WHERE a.uuid = ?`,
    [uuid],
  );

export const loadVorgang = (q: Queryable, uuid: string) =>
  q.get<LocalVorgang & { id: number; akte_id: number; amt_id: string }>(
    `SELECT v.id, v.akte_id, v.uuid, v.aktenzeichen, v.title, v.created_at, a.uuid AS akte_uuid, a.amt_id
     FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE v.uuid = ?`,
    [uuid],
  );

export const loadDocument = (q: Queryable, uuid: string) =>
  q.get<LocalDocument & { id: number }>(
    `SELECT d.id, d.uuid, d.title, d.doc_type, d.sender, d.document_date, d.amt_id, v.uuid AS vorgang_uuid
     FROM document d LEFT JOIN vorgang v ON v.id = d.vorgang_id WHERE d.uuid = ?`,
    [uuid],
  );

export const loadVersions = (q: Queryable, documentId: number) =>
  q.all<LocalVersion>(
    `SELECT dv.uuid, dv.version_no, dv.blob_hash, b.size, dv.file_name, dv.mime_type
     FROM document_version dv JOIN blob b ON b.hash = dv.blob_hash WHERE dv.document_id = ? ORDER BY dv.version_no`,
    [documentId],
  );

export const loadVersion = (q: Queryable, versionUuid: string) =>
  q.get<LocalVersion & { document_id: number }>(
    `SELECT dv.uuid, dv.version_no, dv.blob_hash, b.size, dv.file_name, dv.mime_type, dv.document_id
     FROM document_version dv JOIN blob b ON b.hash = dv.blob_hash WHERE dv.uuid = ?`,
    [versionUuid],
  );

async function audit(tx: WriteTx, at: Date, action: string, objectType: string, uuid: string, amtId: string | null, details: Record<string, unknown>) {
  await appendAudit(tx, at, { actor: SYNC_ACTOR, action, objectType, objectUuid: uuid, amtId, details });
}

// ---- applying the DMS's state --------------------------------------------------------------------------

export interface RemoteAkteState {
  uuid: string;
  aktenzeichen: string;
  title: string;
  planNumber: string;
  openedAt: string | null;
  status: 'open' | 'zda';
  zdaAt: string | null;
}

/** Creates or updates a local Akte; returns false when it cannot be placed (unknown Aktenplan, Aktenzeichen taken). */
export async function applyAkte(tx: WriteTx, at: Date, r: RemoteAkteState): Promise<boolean> {
  const iso = at.toISOString();
  const existing = await loadAkte(tx, r.uuid);
  if (existing) {
    const zdaAt = r.status === 'zda' ? (r.zdaAt ?? existing.zda_at ?? iso.slice(0, 10)) : null;
    if (existing.status === r.status && existing.title === r.title && existing.zda_at === zdaAt) return true;
    await tx.run('UPDATE akte SET status = ?, zda_at = ?, title = ?, updated_at = ? WHERE id = ?', [r.status, zdaAt, r.title, iso, existing.id]);
    await audit(tx, at, 'akte.sync_update', 'akte', r.uuid, existing.amt_id, { status: r.status });
    return true;
  }
  const parsed = parseAktenzeichen(r.aktenzeichen);
  const entry = await tx.get<{ id: number; amt_id: string }>('SELECT id, amt_id FROM aktenplan_entry WHERE number = ?', [r.planNumber]);
  const taken = await tx.get('SELECT 1 FROM akte WHERE aktenzeichen = ?', [r.aktenzeichen]);
  if (!parsed || !entry || taken) return false;
  await tx.run(
    `INSERT INTO akte (uuid, aktenzeichen, aktenplan_entry_id, amt_id, year, running_no, title, status, opened_at, zda_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [r.uuid, r.aktenzeichen, entry.id, entry.amt_id, parsed.year, parsed.runningNo, r.title, r.status, r.openedAt ?? iso.slice(0, 10),
      r.status === 'zda' ? (r.zdaAt ?? iso.slice(0, 10)) : null, iso, iso],
  );
  await audit(tx, at, 'akte.sync_create', 'akte', r.uuid, entry.amt_id, { aktenzeichen: r.aktenzeichen });
  return true;
}

export interface RemoteVorgangState {
  uuid: string;
  akteUuid: string;
  aktenzeichen: string;
  title: string;
  createdAt: string | null;
}

export async function applyVorgang(tx: WriteTx, at: Date, r: RemoteVorgangState): Promise<boolean> {
  const iso = at.toISOString();
  const existing = await loadVorgang(tx, r.uuid);
  if (existing) {
    if (existing.title !== r.title) await tx.run('UPDATE vorgang SET title = ?, updated_at = ? WHERE id = ?', [r.title, iso, existing.id]);
    return true;
  }
  const akte = await loadAkte(tx, r.akteUuid);
  const parsed = parseAktenzeichen(r.aktenzeichen);
  const taken = await tx.get('SELECT 1 FROM vorgang WHERE aktenzeichen = ?', [r.aktenzeichen]);
  if (!akte || !parsed?.vorgangNo || taken) return false;
  await tx.run(
    `INSERT INTO vorgang (uuid, akte_id, running_no, aktenzeichen, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [r.uuid, akte.id, parsed.vorgangNo, r.aktenzeichen, r.title, r.createdAt ?? iso, iso],
  );
  await audit(tx, at, 'vorgang.sync_create', 'vorgang', r.uuid, akte.amt_id, { aktenzeichen: r.aktenzeichen });
  return true;
}

export interface RemoteVersionState {
  uuid: string;
  sha256: string;
  size: number;
  fileName: string;
  mimeType: string;
  createdAt: string;
}

export interface RemoteDocumentState extends Omit<LocalDocument, 'vorgang_uuid'> {
  vorgangUuid: string | null;
  /** Oldest first; the local history is made equal to it. */
  versions: RemoteVersionState[];
}

/** Creates or updates a document so that its metadata, place and version history equal the DMS's. */
export async function applyDocument(tx: WriteTx, at: Date, r: RemoteDocumentState): Promise<boolean> {
  const doc = await loadDocument(tx, r.uuid);
  if (!doc) return (await insertDocuments(tx, at, [r])).length === 1;
  const iso = at.toISOString();
  let target: { akteId: number; vorgangId: number; amtId: string } | null = null;
  if (r.vorgangUuid) {
    const v = await loadVorgang(tx, r.vorgangUuid);
    if (!v) return false;
    target = { akteId: v.akte_id, vorgangId: v.id, amtId: v.amt_id };
  }
  const amtId = target?.amtId ?? r.amt_id;
  const changed =
    doc.title !== r.title || doc.doc_type !== r.doc_type || doc.sender !== r.sender || doc.document_date !== r.document_date ||
    doc.vorgang_uuid !== (r.vorgangUuid ?? null);
  if (changed) {
    await tx.run(
      `UPDATE document SET title = ?, doc_type = ?, sender = ?, document_date = ?, status = ?, amt_id = ?, akte_id = ?, vorgang_id = ?, updated_at = ? WHERE id = ?`,
      [r.title, r.doc_type, r.sender, r.document_date, target ? 'abgelegt' : 'eingang', amtId, target?.akteId ?? null, target?.vorgangId ?? null, iso, doc.id],
    );
    await tx.run('UPDATE document_text SET title = ?, sender = ? WHERE document_id = ?', [r.title, r.sender ?? '', doc.id]);
    await audit(tx, at, 'document.sync_update', 'document', r.uuid, amtId, { moved: doc.vorgang_uuid !== (r.vorgangUuid ?? null) });
  }
  await setVersionHistory(tx, at, doc.id, r.uuid, amtId, r.versions);
  return true;
}

/**
 * Inserts documents that do not exist locally yet, with their text row and versions, a few statements for
 * the whole list (the initial sync brings thousands): one audit entry each, all in one statement. A document whose Vorgang is
 * not known locally is left out. Returns the uuids inserted; the uuids must be distinct and new.
 */
export async function insertDocuments(tx: WriteTx, at: Date, docs: readonly RemoteDocumentState[]): Promise<string[]> {
  if (docs.length === 0) return [];
  const iso = at.toISOString();
  const rows = JSON.stringify(docs.map((r) => ({ ...r, versions: undefined })));
  await tx.run(
    `INSERT INTO document (uuid, title, doc_type, sender, document_date, status, amt_id, akte_id, vorgang_id, created_at, updated_at)
     SELECT j.value->>'uuid', j.value->>'title', j.value->>'doc_type', j.value->>'sender', j.value->>'document_date',
            CASE WHEN v.id IS NULL THEN 'eingang' ELSE 'abgelegt' END, COALESCE(a.amt_id, j.value->>'amt_id'), v.akte_id, v.id, ?1, ?1
     FROM json_each(?2) j LEFT JOIN vorgang v ON v.uuid = j.value->>'vorgangUuid' LEFT JOIN akte a ON a.id = v.akte_id
     WHERE j.value->>'vorgangUuid' IS NULL OR v.id IS NOT NULL`,
    [iso, rows],
  );
  const inserted = await tx.all<{ id: number; uuid: string; amt_id: string | null }>(
    'SELECT d.id, d.uuid, d.amt_id FROM json_each(?) j JOIN document d ON d.uuid = j.value', [JSON.stringify(docs.map((r) => r.uuid))],
  );
  const ids = JSON.stringify(inserted.map((d) => d.id));
  await tx.run(
    `INSERT INTO document_text (document_id, title, sender, body, scope)
     SELECT d.id, d.title, COALESCE(d.sender, ''), '', s.scope FROM json_each(?) j JOIN document d ON d.id = j.value JOIN document_scope s ON s.document_id = d.id`,
    [ids],
  );
  const byUuid = new Map(docs.map((r) => [r.uuid, r]));
  const versions = inserted.flatMap((d) => (byUuid.get(d.uuid)?.versions ?? []).map((v, i) => ({ ...v, documentId: d.id, versionNo: i + 1 })));
  await insertVersionRows(tx, versions, iso);
  await appendAuditEntries(
    tx,
    at,
    inserted.map((d) => ({ actor: SYNC_ACTOR, action: 'document.sync_create', objectType: 'document', objectUuid: d.uuid, amtId: d.amt_id, details: { versions: byUuid.get(d.uuid)?.versions.length ?? 0 } })),
  );
  return inserted.map((d) => d.uuid);
}

/** Makes the local versions equal the given list (same uuids, same order); the blobs must exist. */
export async function setVersionHistory(tx: WriteTx, at: Date, documentId: number, uuid: string, amtId: string | null, versions: RemoteVersionState[]) {
  const local = await loadVersions(tx, documentId);
  if (local.length === 0) return insertVersions(tx, documentId, versions, 1, at.toISOString());
  const same = local.length === versions.length && local.every((l, i) => l.uuid === versions[i]?.uuid && l.blob_hash === versions[i]?.sha256);
  if (same) return;
  const wanted = new Set(versions.map((v) => v.uuid));
  const gone = local.filter((l) => !wanted.has(l.uuid));
  for (const g of gone) await deleteVersionRow(tx, g.uuid);
  // Renumber through negative numbers so UNIQUE(document_id, version_no) holds at every step.
  await tx.run('UPDATE document_version SET version_no = -version_no WHERE document_id = ?', [documentId]);
  for (const [i, v] of versions.entries()) {
    const exists = await tx.get('SELECT 1 FROM document_version WHERE uuid = ?', [v.uuid]);
    if (exists) await tx.run('UPDATE document_version SET version_no = ?, document_id = ? WHERE uuid = ?', [i + 1, documentId, v.uuid]);
    else await insertVersions(tx, documentId, [v], i + 1, at.toISOString());
  }
  await audit(tx, at, 'document.sync_versions', 'document', uuid, amtId, { versions: versions.length, removed: gone.length });
}

/** New version rows from number `from` on. */
function insertVersions(tx: WriteTx, documentId: number, versions: RemoteVersionState[], from: number, iso: string): Promise<void> {
  return insertVersionRows(tx, versions.map((v, i) => ({ ...v, documentId, versionNo: from + i })), iso);
}

/** Version rows (and the blob rows they need) in two statements, however many. */
async function insertVersionRows(tx: WriteTx, versions: (RemoteVersionState & { documentId: number; versionNo: number })[], iso: string): Promise<void> {
  if (versions.length === 0) return;
  const rows = JSON.stringify(versions);
  await tx.run(`INSERT OR IGNORE INTO blob (hash, size, created_at) SELECT value->>'sha256', value->>'size', ? FROM json_each(?)`, [iso, rows]);
  await tx.run(
    `INSERT INTO document_version (uuid, document_id, version_no, blob_hash, file_name, mime_type, created_by, created_at)
     SELECT value->>'uuid', value->>'documentId', value->>'versionNo', value->>'sha256', value->>'fileName', value->>'mimeType', NULL, value->>'createdAt' FROM json_each(?)`,
    [rows],
  );
}

/** Removes a document the DMS deleted (or a conflict's loser); audited as the sync actor. */
export async function removeDocument(tx: WriteTx, at: Date, uuid: string): Promise<boolean> {
  const doc = await loadDocument(tx, uuid);
  if (!doc) return false;
  await deleteDocumentRows(tx, doc.id);
  await audit(tx, at, 'document.sync_delete', 'document', uuid, doc.amt_id, {});
  return true;
}

import { createHash } from 'node:crypto';
import { AppError } from '../../contract/app-error';
import type {
  AussonderungDetail,
  AussonderungState,
  AussonderungSummary,
  FormatReportEntry,
} from '../../contract/methods/aussonderung';
import type { ArchivalHint } from '../../contract/schemas/records';
import type { BlobRef } from '../../core/store/blobs/blob-store';
import type { Queryable, WriteTx } from '../../core/store/store';
import type { MessageTypeCode } from '../xdomea/index';

/** Reads and writes of the aussonderung tables; no workflow rules here. */

export interface AussonderungRow {
  id: number;
  prozess_id: string;
  amt_id: string;
  created_by: string;
  created_at: string;
  offer_received_at: string | null;
  appraised_at: string | null;
  exported_at: string | null;
  export_received_at: string | null;
  import_confirmed_at: string | null;
  completed_at: string | null;
}

export interface ObjectRow {
  position: number;
  akte_uuid: string;
  aktenzeichen: string;
  archival_hint: ArchivalHint | null;
  decision: ArchivalHint | null;
  selected: 0 | 1;
  import_ok: 0 | 1 | null;
  archive_id: string | null;
  import_error: string | null;
  deleted_at: string | null;
  legal_hold: string | null;
}

/** The furthest step reached. */
export function stateOf(r: AussonderungRow): AussonderungState {
  if (r.completed_at) return 'completed';
  if (r.import_confirmed_at) return 'import_confirmed';
  if (r.export_received_at) return 'export_received';
  if (r.exported_at) return 'exported';
  if (r.appraised_at) return 'appraised';
  if (r.offer_received_at) return 'offer_received';
  return 'offered';
}

export async function loadAussonderung(q: Queryable, prozessId: string): Promise<AussonderungRow> {
  const row = await q.get<AussonderungRow>('SELECT * FROM aussonderung WHERE prozess_id = ?', [prozessId.toLowerCase()]);
  if (!row) throw new AppError('aussonderung.not_found', { prozessId }, 'aussonderung not found');
  return row;
}

export const findAussonderung = (q: Queryable, prozessId: string): Promise<AussonderungRow | undefined> =>
  q.get<AussonderungRow>('SELECT * FROM aussonderung WHERE prozess_id = ?', [prozessId.toLowerCase()]);

export const loadObjects = (q: Queryable, aussonderungId: number): Promise<ObjectRow[]> =>
  q.all<ObjectRow>(
    `SELECT o.position, o.akte_uuid, o.aktenzeichen, o.archival_hint, o.decision, o.selected, o.import_ok, o.archive_id,
            o.import_error, o.deleted_at, a.legal_hold
     FROM aussonderung_object o LEFT JOIN akte a ON a.uuid = o.akte_uuid
     WHERE o.aussonderung_id = ? ORDER BY o.position`,
    [aussonderungId],
  );

/** The Aussonderung an Akte is offered in and that has not ended yet. */
export const activeProzessOf = async (q: Queryable, akteUuid: string): Promise<string | null> =>
  (
    await q.get<{ prozess_id: string }>(
      `SELECT s.prozess_id FROM aussonderung_object o JOIN aussonderung s ON s.id = o.aussonderung_id
       WHERE o.akte_uuid = ? AND s.completed_at IS NULL AND o.deleted_at IS NULL ORDER BY s.id DESC LIMIT 1`,
      [akteUuid],
    )
  )?.prozess_id ?? null;

function summarize(r: AussonderungRow, objects: readonly ObjectRow[]): AussonderungSummary {
  const count = (d: ArchivalHint | null) => objects.filter((o) => o.decision === d).length;
  return {
    prozessId: r.prozess_id,
    amtId: r.amt_id,
    state: stateOf(r),
    createdAt: r.created_at,
    createdBy: r.created_by,
    akten: objects.length,
    decisions: { A: count('A'), B: count('B'), V: count('V'), open: count(null) },
    deleted: objects.filter((o) => o.deleted_at !== null).length,
  };
}

export async function summaryOf(q: Queryable, r: AussonderungRow): Promise<AussonderungSummary> {
  return summarize(r, await loadObjects(q, r.id));
}

export async function listSummaries(q: Queryable): Promise<AussonderungSummary[]> {
  const rows = await q.all<AussonderungRow>('SELECT * FROM aussonderung ORDER BY created_at DESC, id DESC');
  return Promise.all(rows.map((r) => summaryOf(q, r)));
}

export async function detailOf(q: Queryable, r: AussonderungRow): Promise<AussonderungDetail> {
  const objects = await loadObjects(q, r.id);
  const messages = await q.all<{ type: MessageTypeCode; direction: 'in' | 'out'; created_at: string; recorded_at: string; sha256: string }>(
    'SELECT type, direction, created_at, recorded_at, sha256 FROM aussonderung_message WHERE aussonderung_id = ? ORDER BY type',
    [r.id],
  );
  return {
    ...summarize(r, objects),
    objects: objects.map((o) => ({
      akteUuid: o.akte_uuid,
      aktenzeichen: o.aktenzeichen,
      archivalHint: o.archival_hint,
      decision: o.decision,
      selected: o.selected === 1,
      importOk: o.import_ok === null ? null : o.import_ok === 1,
      archiveId: o.archive_id,
      importError: o.import_error,
      legalHold: o.legal_hold,
      deletedAt: o.deleted_at,
    })),
    messages: messages.map((m) => ({
      type: m.type,
      direction: m.direction,
      createdAt: m.created_at,
      recordedAt: m.recorded_at,
      sha256: m.sha256,
    })),
    files: await loadFileReport(q, r.id),
  };
}

export async function loadFileReport(q: Queryable, aussonderungId: number): Promise<FormatReportEntry[]> {
  const rows = await q.all<{
    akte_uuid: string;
    document_uuid: string;
    version_uuid: string;
    file_name: string;
    source_sha256: string;
    sent_sha256: string;
    size: number;
    outcome: FormatReportEntry['outcome'];
    pdfa_version: string | null;
    reason: string | null;
  }>('SELECT * FROM aussonderung_file WHERE aussonderung_id = ? ORDER BY rowid', [aussonderungId]);
  return rows.map((f) => ({
    akteUuid: f.akte_uuid,
    documentUuid: f.document_uuid,
    versionUuid: f.version_uuid,
    fileName: f.file_name,
    outcome: f.outcome,
    pdfaVersion: f.pdfa_version,
    reason: f.reason,
    sourceSha256: f.source_sha256,
    sentSha256: f.sent_sha256,
    size: f.size,
  }));
}

export interface StoredMessage {
  readonly direction: 'in' | 'out';
  readonly createdAt: string;
  readonly sha256: string;
  /** The message text, or empty when it is kept in the blob store under `sha256` (see saveMessageBlob). */
  readonly xml: string;
  readonly storedAs: 'inline' | 'blob';
}

export async function loadMessage(q: Queryable, aussonderungId: number, type: MessageTypeCode): Promise<StoredMessage | undefined> {
  const row = await q.get<{ direction: 'in' | 'out'; created_at: string; sha256: string; xml: string; stored_as: 'inline' | 'blob' }>(
    'SELECT direction, created_at, sha256, xml, stored_as FROM aussonderung_message WHERE aussonderung_id = ? AND type = ?',
    [aussonderungId, type],
  );
  return row && { direction: row.direction, createdAt: row.created_at, sha256: row.sha256, xml: row.xml, storedAs: row.stored_as };
}

export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Keeps a message; xdomea 3 has one message per type and process, so a second one replaces the first. */
export async function saveMessage(
  tx: WriteTx,
  aussonderungId: number,
  type: MessageTypeCode,
  message: { direction: 'in' | 'out'; createdAt: string; xml: string },
  recordedAt: string,
): Promise<string> {
  const sha256 = sha256Hex(message.xml);
  await tx.run(
    `INSERT OR REPLACE INTO aussonderung_message (aussonderung_id, type, direction, created_at, recorded_at, sha256, xml)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [aussonderungId, type, message.direction, message.createdAt, recordedAt, sha256, message.xml],
  );
  return sha256;
}

/** Keeps a message too large for a TEXT column (the 0503 of a whole Amt): its bytes are already a blob. */
export async function saveMessageBlob(
  tx: WriteTx,
  aussonderungId: number,
  type: MessageTypeCode,
  message: { direction: 'in' | 'out'; createdAt: string; blob: BlobRef },
  recordedAt: string,
): Promise<void> {
  await tx.run(
    `INSERT OR REPLACE INTO aussonderung_message (aussonderung_id, type, direction, created_at, recorded_at, sha256, xml, stored_as)
     VALUES (?, ?, ?, ?, ?, ?, '', 'blob')`,
    [aussonderungId, type, message.direction, message.createdAt, recordedAt, message.blob.hash],
  );
}

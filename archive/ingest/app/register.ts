import { AppError } from '../../../contract/app-error';
import type { Queryable, WriteTx } from '../../../core/store/store';
import type { Status } from '../findings';
import { walkNodes } from '../receive';
import type { StoredReport } from './stored-report';

/** Reads and writes of the archive register (migration 0006); no workflow rules here. */

export interface ReceiptRow {
  id: number;
  uuid: string;
  prozess_id: string | null;
  source_name: string;
  xdomea_version: string | null;
  status: Status;
  refused_code: string | null;
  message_entry: string | null;
  message_sha256: string | null;
  report: string;
  received_at: string;
  received_by: string;
}

export interface ConfirmationRow {
  type: '0506' | '0507';
  accepted: 0 | 1;
  xml: string;
  created_at: string;
}

export interface SubmissionRow {
  id: number;
  receipt_id: number;
  target: string;
  path: string;
  created_at: string;
}

export interface ReceivedFile {
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  readonly puid: string | null;
}

const CHUNK = 500;
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Many rows per statement: a 0503 of 20,000 files would otherwise make 60,000 round trips to sqlite. */
export async function insertRows(
  tx: WriteTx,
  insert: string,
  rows: readonly (string | number | null)[][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await tx.run(`${insert} VALUES ${part.map((row) => `(${marks(row.length)})`).join(',')}`, part.flat());
  }
}

export async function insertReceipt(
  tx: WriteTx,
  r: {
    uuid: string;
    /** From the message header, or for a refused package from its file name when that follows xdomea. */
    prozessId: string | null;
    report: StoredReport;
    message: { sha256: string; size: number } | null;
    files: readonly ReceivedFile[];
    receivedAt: string;
    receivedBy: string;
  },
): Promise<number> {
  // The blob rows make the files known to the store's fixity check and keep deletions off them.
  const blobs = [...(r.message ? [r.message] : []), ...r.files];
  await insertRows(
    tx,
    'INSERT OR IGNORE INTO blob (hash, size, created_at)',
    blobs.map((b) => [b.sha256, b.size, r.receivedAt]),
  );
  const { lastID } = await tx.run(
    `INSERT INTO archiv_receipt (uuid, prozess_id, source_name, xdomea_version, status, refused_code, message_entry, message_sha256, report, received_at, received_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      r.uuid,
      r.prozessId?.toLowerCase() ?? null,
      r.report.source,
      r.report.version ?? null,
      r.report.status,
      r.report.refused?.code ?? null,
      r.report.messageEntry ?? null,
      r.message?.sha256 ?? null,
      JSON.stringify(r.report),
      r.receivedAt,
      r.receivedBy,
    ],
  );
  await insertRows(
    tx,
    'INSERT INTO archiv_receipt_file (receipt_id, file_name, sha256, size, puid)',
    r.files.map((f) => [lastID, f.name, f.sha256, f.size, f.puid]),
  );
  const objects: (string | number)[][] = [];
  walkNodes(r.report.objects, (n) =>
    objects.push([lastID, objects.length, n.xdomeaUuid.toLowerCase(), n.kind, n.status]),
  );
  await insertRows(
    tx,
    'INSERT INTO archiv_object (receipt_id, position, xdomea_uuid, kind, status)',
    objects,
  );
  return lastID;
}

/** Objects of the given UUIDs that an earlier Aussonderung already handed over (0506 accepted), by UUID. */
export async function alreadyArchived(q: Queryable, uuids: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < uuids.length; i += CHUNK) {
    const part = uuids.slice(i, i + CHUNK);
    const rows = await q.all<{ xdomea_uuid: string; prozess_id: string }>(
      `SELECT o.xdomea_uuid, r.prozess_id FROM archiv_object o
       JOIN archiv_receipt r ON r.id = o.receipt_id
       JOIN archiv_confirmation c ON c.receipt_id = o.receipt_id AND c.type = '0506' AND c.accepted = 1
       WHERE o.xdomea_uuid IN (${marks(part.length)})`,
      part,
    );
    rows.forEach((r) => found.set(r.xdomea_uuid, r.prozess_id));
  }
  return found;
}

export const listReceipts = (q: Queryable): Promise<ReceiptRow[]> =>
  q.all<ReceiptRow>('SELECT * FROM archiv_receipt ORDER BY id DESC');

export async function receiptByUuid(q: Queryable, uuid: string): Promise<ReceiptRow> {
  const row = await q.get<ReceiptRow>('SELECT * FROM archiv_receipt WHERE uuid = ?', [uuid.toLowerCase()]);
  if (!row) throw new AppError('archiv.not_found', { id: uuid }, 'receipt not found');
  return row;
}

/** A resent 0503 (after the office fixed an error) supersedes the earlier receipt of the same ProzessID. */
export async function latestReceipt(q: Queryable, prozessId: string): Promise<ReceiptRow> {
  const row = await q.get<ReceiptRow>(
    'SELECT * FROM archiv_receipt WHERE prozess_id = ? ORDER BY id DESC LIMIT 1',
    [prozessId.toLowerCase()],
  );
  if (!row) throw new AppError('archiv.not_found', { id: prozessId }, 'no receipt for prozess');
  return row;
}

export const receiptFiles = (
  q: Queryable,
  receiptId: number,
): Promise<{ file_name: string; sha256: string }[]> =>
  q.all('SELECT file_name, sha256 FROM archiv_receipt_file WHERE receipt_id = ?', [receiptId]);

export const appraisalXml = async (q: Queryable, prozessId: string): Promise<string | undefined> =>
  (
    await q.get<{ xml: string }>('SELECT xml FROM archiv_appraisal WHERE prozess_id = ?', [
      prozessId.toLowerCase(),
    ])
  )?.xml;

export const confirmationsOf = (q: Queryable, receiptId: number): Promise<ConfirmationRow[]> =>
  q.all<ConfirmationRow>(
    'SELECT type, accepted, xml, created_at FROM archiv_confirmation WHERE receipt_id = ? ORDER BY type',
    [receiptId],
  );

export const submissionOf = (q: Queryable, receiptId: number): Promise<SubmissionRow | undefined> =>
  q.get<SubmissionRow>(
    'SELECT id, receipt_id, target, path, created_at FROM archiv_submission WHERE receipt_id = ? ORDER BY id LIMIT 1',
    [receiptId],
  );

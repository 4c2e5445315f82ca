import { AppError } from '../../../contract/app-error';
import { insertRows } from '../../../core/store/insert-rows';
import type { Queryable, WriteTx } from '../../../core/store/store';
import type { Status } from '../findings';
import type { ObjectRow } from '../receive';
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

const CHUNK = 500;
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Inserts a batch of a receipt's object rows with their report and (when kept) their primary files. */
async function insertObjects(
  tx: WriteTx,
  receiptId: number,
  rows: readonly ObjectRow[],
  withFiles: boolean,
  createdAt: string,
): Promise<void> {
  await insertRows(
    tx,
    'INSERT INTO archiv_object (receipt_id, position, xdomea_uuid, kind, status)',
    rows.map((r) => [receiptId, r.position, r.xdomeaUuid.toLowerCase(), r.kind, r.status]),
  );
  await insertRows(
    tx,
    'INSERT INTO archiv_object_report (receipt_id, position, depth, top_position, title, aktenzeichen, findings, versions)',
    rows.map((r) => [
      receiptId,
      r.position,
      r.depth,
      r.top,
      r.title ?? null,
      r.aktenzeichen ?? null,
      JSON.stringify(r.findings),
      JSON.stringify(r.versions),
    ]),
  );
  if (!withFiles) return;
  const files = rows.flatMap((r) => r.versions.flatMap((v) => v.formats.map((f) => f.file))).filter((f) => f.present);
  // The blob rows make the files known to the store's fixity check and keep deletions off them; a file
  // several Formate name is one row (OR IGNORE on the keys).
  await insertRows(
    tx,
    'INSERT OR IGNORE INTO blob (hash, size, created_at)',
    files.map((f) => [f.sha256!, f.size!, createdAt]),
  );
  await insertRows(
    tx,
    'INSERT OR IGNORE INTO archiv_receipt_file (receipt_id, file_name, sha256, size, puid)',
    files.map((f) => [receiptId, f.fileName, f.sha256!, f.size!, f.format?.puid ?? null]),
  );
}

/**
 * Registers a receipt: its package-level report, then its objects as they come (in batches, never all at
 * once), with the primary files when `withFiles`. Returns the receipt's id and the number of files.
 */
export async function insertReceipt(
  tx: WriteTx,
  r: {
    uuid: string;
    /** From the message header, or for a refused package from its file name when that follows xdomea. */
    prozessId: string | null;
    report: StoredReport;
    message: { sha256: string; size: number } | null;
    objects: AsyncIterable<ObjectRow>;
    withFiles: boolean;
    receivedAt: string;
    receivedBy: string;
  },
): Promise<{ id: number; files: number }> {
  if (r.message)
    await tx.run('INSERT OR IGNORE INTO blob (hash, size, created_at) VALUES (?, ?, ?)', [
      r.message.sha256,
      r.message.size,
      r.receivedAt,
    ]);
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
  let batch: ObjectRow[] = [];
  for await (const row of r.objects) {
    batch.push(row);
    if (batch.length === CHUNK) {
      await insertObjects(tx, lastID, batch, r.withFiles, r.receivedAt);
      batch = [];
    }
  }
  await insertObjects(tx, lastID, batch, r.withFiles, r.receivedAt);
  const files = await tx.get<{ n: number }>('SELECT count(*) AS n FROM archiv_receipt_file WHERE receipt_id = ?', [
    lastID,
  ]);
  return { id: lastID, files: files?.n ?? 0 };
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

/** An object of a receipt's report as stored (migration 0014), joined with its register row. */
export interface ObjectReportRow {
  position: number;
  depth: number;
  top_position: number;
  kind: 'akte' | 'vorgang' | 'dokument';
  xdomea_uuid: string;
  status: Status;
  title: string | null;
  aktenzeichen: string | null;
  findings: string;
  versions: string;
}

/** Objects of a receipt from `offset` on in preorder (parents first), at most `limit`. */
export const objectRows = (q: Queryable, receiptId: number, offset: number, limit: number): Promise<ObjectReportRow[]> =>
  q.all<ObjectReportRow>(
    `SELECT r.position, r.depth, r.top_position, o.kind, o.xdomea_uuid, o.status, r.title, r.aktenzeichen, r.findings, r.versions
     FROM archiv_object_report r JOIN archiv_object o ON o.receipt_id = r.receipt_id AND o.position = r.position
     WHERE r.receipt_id = ? AND r.position >= ? ORDER BY r.position LIMIT ?`,
    [receiptId, offset, limit],
  );

/** All objects of a receipt, a page at a time (for the 0506 and the package's structure). */
export async function* allObjectRows(q: Queryable, receiptId: number): AsyncGenerator<ObjectReportRow> {
  for (let offset = 0; ; offset += CHUNK) {
    const rows = await objectRows(q, receiptId, offset, CHUNK);
    yield* rows;
    if (rows.length < CHUNK) return;
  }
}

export const objectCount = async (q: Queryable, receiptId: number): Promise<number> =>
  (await q.get<{ n: number }>('SELECT count(*) AS n FROM archiv_object WHERE receipt_id = ?', [receiptId]))?.n ?? 0;

/** UUIDs (lower case) of a receipt's top-level objects. */
export const topLevelUuids = async (q: Queryable, receiptId: number): Promise<string[]> =>
  (
    await q.all<{ xdomea_uuid: string }>(
      `SELECT o.xdomea_uuid FROM archiv_object_report r JOIN archiv_object o ON o.receipt_id = r.receipt_id AND o.position = r.position
       WHERE r.receipt_id = ? AND r.depth = 0`,
      [receiptId],
    )
  ).map((r) => r.xdomea_uuid);

/** Which of the given lower-cased UUIDs a receipt holds, at any depth. */
export async function deliveredAmong(q: Queryable, receiptId: number, uuids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < uuids.length; i += CHUNK) {
    const part = uuids.slice(i, i + CHUNK);
    const rows = await q.all<{ xdomea_uuid: string }>(
      `SELECT xdomea_uuid FROM archiv_object WHERE receipt_id = ? AND xdomea_uuid IN (${marks(part.length)})`,
      [receiptId, ...part],
    );
    rows.forEach((r) => found.add(r.xdomea_uuid));
  }
  return found;
}

/** A receipt's primary files in name order, a page at a time. */
export async function* receiptFilesPaged(
  q: Queryable,
  receiptId: number,
): AsyncGenerator<{ file_name: string; sha256: string; size: number; puid: string | null }> {
  for (let after = ''; ; ) {
    const rows = await q.all<{ file_name: string; sha256: string; size: number; puid: string | null }>(
      'SELECT file_name, sha256, size, puid FROM archiv_receipt_file WHERE receipt_id = ? AND file_name > ? ORDER BY file_name LIMIT ?',
      [receiptId, after, CHUNK],
    );
    yield* rows;
    if (rows.length < CHUNK) return;
    after = rows[rows.length - 1]!.file_name;
  }
}


import { AppError } from '../../contract/app-error';
import type { MethodOutput, MethodParsedInput } from '../../contract/methods';
import type { Channel, DocumentDetail } from '../../contract/schemas/records';
import { documentVisibility, hasPermission, mayWriteAmt } from '../access/policy';
import type { Caller } from '../access/caller';
import type { BlobRef } from '../store/blobs/blob-store';
import type { Queryable, WriteTx } from '../store/db';
import { loadWritableAkte } from './akten';
import { recordChange } from './change';
import type { CallCtx } from './context';
import {
  DOCUMENT_JOINS,
  DOCUMENT_SUMMARY_SELECT,
  VERSION_SELECT,
  toDocumentSummary,
  toVersion,
  type DocumentSummaryRow,
  type VersionRow,
} from './rows';

export async function loadVisibleDocument(q: Queryable, caller: Caller, uuid: string): Promise<DocumentSummaryRow> {
  const vis = documentVisibility(caller);
  const row = await q.get<DocumentSummaryRow>(`${DOCUMENT_SUMMARY_SELECT} WHERE d.uuid = ? AND ${vis.sql}`, [uuid, ...vis.params]);
  if (!row) throw new AppError('records.not_found', { kind: 'Das Dokument' }, `document ${uuid} not found or not visible`);
  return row;
}

export async function getDocument(q: Queryable, caller: Caller, uuid: string): Promise<DocumentDetail> {
  const row = await loadVisibleDocument(q, caller, uuid);
  const versions = await q.all<VersionRow>(`${VERSION_SELECT} WHERE dv.document_id = ? ORDER BY dv.version_no`, [row.id]);
  return { ...toDocumentSummary(row), versions: versions.map(toVersion) };
}

export async function listDocuments(
  q: Queryable,
  caller: Caller,
  input: MethodParsedInput<'documents.list'>,
): Promise<MethodOutput<'documents.list'>> {
  const vis = documentVisibility(caller);
  const where = [vis.sql];
  const params: (string | number)[] = [...vis.params];
  if (input.akteUuid) {
    where.push('a.uuid = ?');
    params.push(input.akteUuid);
  }
  if (input.vorgangUuid) {
    where.push('v.uuid = ?');
    params.push(input.vorgangUuid);
  }
  return pagedDocuments(q, where, params, input, 'COALESCE(d.document_date, pi.received_at) DESC, d.id DESC');
}

/** Incoming, not yet filed documents; clerks see their Ämter's, the post room sees all. */
export async function listPosteingang(
  q: Queryable,
  caller: Caller,
  input: MethodParsedInput<'posteingang.list'>,
): Promise<MethodOutput<'posteingang.list'>> {
  const vis = documentVisibility(caller);
  const where = [vis.sql, `d.status = 'eingang'`];
  const params: (string | number)[] = [...vis.params];
  if (input.amtId) {
    where.push('d.amt_id = ?');
    params.push(input.amtId);
  }
  return pagedDocuments(q, where, params, input, 'pi.received_at DESC, d.id DESC');
}

async function pagedDocuments(
  q: Queryable,
  where: string[],
  params: (string | number)[],
  page: { limit: number; offset: number },
  orderBy: string,
): Promise<MethodOutput<'documents.list'>> {
  const whereSql = where.join(' AND ');
  const total = await q.get<{ n: number }>(`SELECT count(*) AS n FROM document d ${DOCUMENT_JOINS} WHERE ${whereSql}`, params);
  const rows = await q.all<DocumentSummaryRow>(
    `${DOCUMENT_SUMMARY_SELECT} WHERE ${whereSql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
    [...params, page.limit, page.offset],
  );
  return { items: rows.map(toDocumentSummary), total: total?.n ?? 0 };
}

export interface IncomingDocument {
  /** Null for documents written in the app (Vermerk): they never passed the Posteingang. */
  posteingang: { channel: Channel; sender: string | null; receivedAt: string; scanProtocol?: Record<string, unknown> } | null;
  title: string;
  docType?: string | null;
  sender?: string | null;
  documentDate?: string | null;
  /** Target Amt when known (e.g. from the envelope); null leaves it to the post room. */
  amtId: string | null;
  file: { blob: BlobRef; fileName: string; mimeType: string };
  /** Full text for the index: the PDF's text layer or OCR result. */
  text: string;
  /** Filing straight into a Vorgang (pre-assigned by separator sheet or created by the clerk). */
  vorgangUuid?: string;
}

/**
 * Takes in a document whose content is already in the blob store (put it there before the transaction:
 * a crash in between leaves an unreferenced blob, never a record without content).
 */
export async function createIncomingDocument(tx: WriteTx, ctx: CallCtx, input: IncomingDocument): Promise<{ uuid: string }> {
  const mayIntake = hasPermission(ctx.caller, 'posteingang.write') || (input.amtId !== null && mayWriteAmt(ctx.caller, input.amtId));
  if (!mayIntake) throw new AppError('access.denied', {}, 'no intake permission');

  let target: { akteId: number; vorgangId: number; amtId: string } | null = null;
  if (input.vorgangUuid) {
    const v = await tx.get<{ id: number; akte_uuid: string }>(
      'SELECT v.id, a.uuid AS akte_uuid FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE v.uuid = ?',
      [input.vorgangUuid],
    );
    if (!v) throw new AppError('records.not_found', { kind: 'Der Vorgang' }, 'vorgang not found');
    const akte = await loadWritableAkte(tx, ctx.caller, v.akte_uuid);
    target = { akteId: akte.id, vorgangId: v.id, amtId: akte.amt_id };
  }

  const now = ctx.clock.now().toISOString();
  const uuid = ctx.ids.uuid();
  const userId = ctx.caller.userId;
  await tx.run('INSERT OR IGNORE INTO blob (hash, size, created_at) VALUES (?, ?, ?)', [input.file.blob.hash, input.file.blob.size, now]);
  const p = input.posteingang;
  const itemId = p
    ? (
        await tx.run(
          `INSERT INTO posteingang_item (uuid, channel, sender, received_at, scan_protocol, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [ctx.ids.uuid(), p.channel, p.sender, p.receivedAt, p.scanProtocol ? JSON.stringify(p.scanProtocol) : null, userId, now],
        )
      ).lastID
    : null;
  const amtId = target?.amtId ?? input.amtId;
  const { lastID: documentId } = await tx.run(
    `INSERT INTO document (uuid, title, doc_type, sender, document_date, status, amt_id, akte_id, vorgang_id, posteingang_item_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      uuid,
      input.title,
      input.docType ?? null,
      input.sender ?? p?.sender ?? null,
      input.documentDate ?? null,
      target ? 'abgelegt' : 'eingang',
      amtId,
      target?.akteId ?? null,
      target?.vorgangId ?? null,
      itemId,
      now,
      now,
    ],
  );
  const versionUuid = ctx.ids.uuid();
  await tx.run(
    `INSERT INTO document_version (uuid, document_id, version_no, blob_hash, file_name, mime_type, created_by, created_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?)`,
    [versionUuid, documentId, input.file.blob.hash, input.file.fileName, input.file.mimeType, userId, now],
  );
  await tx.run(
    'INSERT INTO document_text (document_id, title, sender, body, scope) SELECT ?, ?, ?, ?, scope FROM document_scope WHERE document_id = ?',
    [documentId, input.title, input.sender ?? p?.sender ?? '', input.text, documentId],
  );
  await recordChange(tx, ctx, {
    action: 'document.create',
    objectType: 'document',
    objectUuid: uuid,
    amtId,
    details: { version: versionUuid, sha256: input.file.blob.hash, size: input.file.blob.size, channel: p?.channel ?? null, filed: target !== null },
    outbox: { op: 'document.create', payload: { uuid, versionUuid, sha256: input.file.blob.hash, vorgangUuid: input.vorgangUuid ?? null } },
  });
  return { uuid };
}

/** Files an incoming document into a Vorgang, or moves a filed one; both within one Amt. */
export async function fileDocument(tx: WriteTx, ctx: CallCtx, uuid: string, vorgangUuid: string): Promise<void> {
  const doc = await loadVisibleDocument(tx, ctx.caller, uuid);
  const v = await tx.get<{ id: number; akte_uuid: string; aktenzeichen: string }>(
    'SELECT v.id, a.uuid AS akte_uuid, v.aktenzeichen FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE v.uuid = ?',
    [vorgangUuid],
  );
  if (!v) throw new AppError('records.not_found', { kind: 'Der Vorgang' }, 'vorgang not found');
  const target = await loadWritableAkte(tx, ctx.caller, v.akte_uuid);
  if (doc.akte_uuid) await loadWritableAkte(tx, ctx.caller, doc.akte_uuid);
  if (doc.amt_id && doc.amt_id !== target.amt_id) {
    throw new AppError('records.wrong_amt', { from: doc.amt_id, to: target.amt_id }, 'cross-amt filing refused');
  }
  if (!doc.amt_id && !mayWriteAmt(ctx.caller, target.amt_id)) throw new AppError('access.denied', {}, 'no write grant');
  await tx.run(`UPDATE document SET status = 'abgelegt', amt_id = ?, akte_id = ?, vorgang_id = ?, updated_at = ? WHERE id = ?`, [
    target.amt_id,
    target.id,
    v.id,
    ctx.clock.now().toISOString(),
    doc.id,
  ]);
  await recordChange(tx, ctx, {
    action: doc.status === 'eingang' ? 'document.file' : 'document.move',
    objectType: 'document',
    objectUuid: uuid,
    amtId: target.amt_id,
    details: { from: doc.vorgang_uuid, to: vorgangUuid, aktenzeichen: v.aktenzeichen },
    outbox: { op: 'document.move', payload: { uuid, vorgangUuid } },
  });
}

/** The stored bytes of a visible document's version, verified against their hash. */
export async function readVersionContent(
  ctx: Pick<CallCtx, 'store' | 'caller'>,
  versionUuid: string,
): Promise<{ bytes: Buffer; fileName: string; mimeType: string }> {
  const row = await ctx.store.reader.get<{ document_uuid: string; blob_hash: string; file_name: string; mime_type: string }>(
    `SELECT d.uuid AS document_uuid, dv.blob_hash, dv.file_name, dv.mime_type
     FROM document_version dv JOIN document d ON d.id = dv.document_id WHERE dv.uuid = ?`,
    [versionUuid],
  );
  if (!row) throw new AppError('records.not_found', { kind: 'Die Dokumentversion' }, 'version not found');
  await loadVisibleDocument(ctx.store.reader, ctx.caller, row.document_uuid);
  const bytes = await ctx.store.blobs.read(row.blob_hash);
  return { bytes, fileName: row.file_name, mimeType: row.mime_type };
}


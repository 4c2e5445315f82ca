import { AppError } from '../../contract/app-error';
import type { MethodParsedInput } from '../../contract/methods';
import type { Colleague, Mitzeichnung } from '../../contract/schemas/workspace';
import { clerkAmter, documentVisibility } from '../access/policy';
import type { Caller } from '../access/caller';
import type { Queryable, WriteTx } from '../store/db';
import { loadWritableAkte } from './akten';
import { recordChange } from './change';
import type { CallCtx } from './context';
import { loadVisibleDocument } from './documents';

const SELECT = `
  SELECT m.uuid, d.uuid AS document_uuid, d.title AS document_title, a.aktenzeichen, m.amt_id,
         r.display_name AS requested_by, t.uuid AS addressee_uuid, t.display_name AS addressee,
         m.note, m.status, m.comment, m.created_at, m.decided_at
  FROM mitzeichnung m
  JOIN document d ON d.id = m.document_id
  LEFT JOIN akte a ON a.id = d.akte_id
  JOIN app_user r ON r.id = m.requested_by
  JOIN app_user t ON t.id = m.addressee_id`;

interface Row {
  uuid: string;
  document_uuid: string;
  document_title: string;
  aktenzeichen: string | null;
  amt_id: string;
  requested_by: string;
  addressee_uuid: string;
  addressee: string;
  note: string;
  status: Mitzeichnung['status'];
  comment: string | null;
  created_at: string;
  decided_at: string | null;
}

const toMitzeichnung = (r: Row): Mitzeichnung => ({
  uuid: r.uuid,
  documentUuid: r.document_uuid,
  documentTitle: r.document_title,
  aktenzeichen: r.aktenzeichen,
  amtId: r.amt_id,
  requestedBy: r.requested_by,
  addresseeUuid: r.addressee_uuid,
  addressee: r.addressee,
  note: r.note,
  status: r.status,
  comment: r.comment,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
});

/** Other active clerks of the caller's Ämter: whom a Mitzeichnung can be addressed to. */
export async function listColleagues(q: Queryable, caller: Caller): Promise<Colleague[]> {
  const amter = clerkAmter(caller);
  if (!amter.length) return [];
  const rows = await q.all<{ uuid: string; display_name: string; amt_id: string }>(
    `SELECT u.uuid, u.display_name, g.amt_id FROM app_user u JOIN user_grant g ON g.user_id = u.id
     WHERE g.role = 'sachbearbeitung' AND g.amt_id IN (${amter.map(() => '?').join(',')}) AND u.disabled = 0 AND u.id <> ?
     ORDER BY g.amt_id, u.display_name`,
    [...amter, caller.userId],
  );
  return rows.map((r) => ({ uuid: r.uuid, displayName: r.display_name, amtId: r.amt_id }));
}

export async function requestMitzeichnung(
  tx: WriteTx,
  ctx: CallCtx,
  input: MethodParsedInput<'mitzeichnungen.request'>,
): Promise<string> {
  const doc = await loadVisibleDocument(tx, ctx.caller, input.documentUuid);
  if (!doc.amt_id || !clerkAmter(ctx.caller).includes(doc.amt_id)) throw new AppError('access.denied', {}, 'no grant for document amt');
  // A zdA Akte is read-only: no new requests; one already open may still be decided, so none is left dangling.
  if (doc.akte_uuid) await loadWritableAkte(tx, ctx.caller, doc.akte_uuid);
  const addressee = await tx.get<{ id: number }>(
    `SELECT u.id FROM app_user u JOIN user_grant g ON g.user_id = u.id
     WHERE u.uuid = ? AND u.disabled = 0 AND g.role = 'sachbearbeitung' AND g.amt_id = ?`,
    [input.addresseeUuid, doc.amt_id],
  );
  if (!addressee || addressee.id === ctx.caller.userId) {
    throw new AppError('workspace.not_colleague', {}, 'mitzeichnung addressee is not another clerk of the amt');
  }
  const uuid = ctx.ids.uuid();
  await tx.run(
    `INSERT INTO mitzeichnung (uuid, document_id, amt_id, requested_by, addressee_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [uuid, doc.id, doc.amt_id, ctx.caller.userId, addressee.id, input.note, ctx.clock.now().toISOString()],
  );
  // Kept in the document's own trail; the DMS learns nothing until the document itself changes.
  await recordChange(tx, ctx, {
    action: 'mitzeichnung.request',
    objectType: 'document',
    objectUuid: input.documentUuid,
    amtId: doc.amt_id,
    details: { mitzeichnung: uuid, addressee: input.addresseeUuid },
  });
  return uuid;
}

export async function decideMitzeichnung(
  tx: WriteTx,
  ctx: CallCtx,
  input: MethodParsedInput<'mitzeichnungen.decide'>,
): Promise<void> {
  const row = await tx.get<{ id: number; status: string; addressee_id: number; amt_id: string; document_uuid: string }>(
    `SELECT m.id, m.status, m.addressee_id, m.amt_id, d.uuid AS document_uuid
     FROM mitzeichnung m JOIN document d ON d.id = m.document_id WHERE m.uuid = ?`,
    [input.uuid],
  );
  // Only the addressee decides; for everyone else the request does not exist.
  if (!row || row.addressee_id !== ctx.caller.userId || !clerkAmter(ctx.caller).includes(row.amt_id)) {
    throw new AppError('records.not_found', { kind: 'Die Mitzeichnung' }, 'mitzeichnung not addressed to caller');
  }
  // The document may have left the Amt since (the post room hands incoming mail on): then it is not the caller's to decide.
  const vis = documentVisibility(ctx.caller);
  const visible = await tx.get(`SELECT 1 AS x FROM document d LEFT JOIN akte a ON a.id = d.akte_id WHERE d.uuid = ? AND ${vis.sql}`, [
    row.document_uuid,
    ...vis.params,
  ]);
  if (!visible) throw new AppError('records.not_found', { kind: 'Die Mitzeichnung' }, 'mitzeichnung document no longer visible');
  if (row.status !== 'offen') throw new AppError('workspace.already_decided', { status: row.status }, 'mitzeichnung decided');
  if (input.decision === 'abgelehnt' && !input.comment) throw new AppError('workspace.comment_required', {}, 'rejection without comment');
  await tx.run('UPDATE mitzeichnung SET status = ?, comment = ?, decided_at = ? WHERE id = ?', [
    input.decision,
    input.comment || null,
    ctx.clock.now().toISOString(),
    row.id,
  ]);
  await recordChange(tx, ctx, {
    action: `mitzeichnung.${input.decision}`,
    objectType: 'document',
    objectUuid: row.document_uuid,
    amtId: row.amt_id,
    details: { mitzeichnung: input.uuid },
  });
}

export async function listMitzeichnungen(
  q: Queryable,
  caller: Caller,
  input: MethodParsedInput<'mitzeichnungen.list'>,
): Promise<Mitzeichnung[]> {
  const vis = documentVisibility(caller);
  // A request stays with the Amt it was made in: handed on to another Amt, the document does not take it along.
  const where = [vis.sql, 'm.amt_id = d.amt_id'];
  const params: (string | number)[] = [...vis.params];
  if (input.scope === 'mine') {
    where.push('m.addressee_id = ?');
    params.push(caller.userId);
  } else if (input.scope === 'requested') {
    where.push('m.requested_by = ?');
    params.push(caller.userId);
  }
  if (input.documentUuid) {
    where.push('d.uuid = ?');
    params.push(input.documentUuid);
  }
  if (input.status) {
    where.push('m.status = ?');
    params.push(input.status);
  }
  const rows = await q.all<Row>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY m.created_at DESC, m.id DESC LIMIT 500`, params);
  return rows.map(toMitzeichnung);
}

export async function getMitzeichnung(q: Queryable, uuid: string): Promise<Mitzeichnung> {
  const row = await q.get<Row>(`${SELECT} WHERE m.uuid = ?`, [uuid]);
  if (!row) throw new AppError('records.not_found', { kind: 'Die Mitzeichnung' }, 'mitzeichnung not found');
  return toMitzeichnung(row);
}

import { AppError } from '../../contract/app-error';
import type { MethodParsedInput } from '../../contract/methods';
import type { Wiedervorlage } from '../../contract/schemas/records';
import { clerkAmter } from '../access/policy';
import type { Caller } from '../access/caller';
import type { Queryable, WriteTx } from '../store/db';
import { loadWritableAkte } from './akten';
import { recordChange } from './change';
import type { CallCtx } from './context';
import { loadVisibleDocument } from './documents';
import { WIEDERVORLAGE_SELECT, toWiedervorlage, type WiedervorlageRow } from './rows';

/** Follow-ups of the caller's Ämter: a team's shared view, never a per-person statistic. */
export async function listWiedervorlagen(
  q: Queryable,
  caller: Caller,
  input: MethodParsedInput<'wiedervorlagen.list'>,
): Promise<Wiedervorlage[]> {
  const amter = clerkAmter(caller);
  if (!amter.length) return [];
  const where = [`w.amt_id IN (${amter.map(() => '?').join(',')})`];
  const params: string[] = [...amter];
  if (!input.includeDone) where.push('w.done_at IS NULL');
  if (input.dueUntil) {
    where.push('w.due_date <= ?');
    params.push(input.dueUntil);
  }
  const rows = await q.all<WiedervorlageRow>(`${WIEDERVORLAGE_SELECT} WHERE ${where.join(' AND ')} ORDER BY w.due_date, w.id`, params);
  return rows.map(toWiedervorlage);
}

export async function createWiedervorlage(
  tx: WriteTx,
  ctx: CallCtx,
  input: MethodParsedInput<'wiedervorlagen.create'>,
): Promise<string> {
  let akteId: number | null = null;
  let documentId: number | null = null;
  let amtId: string;
  if (input.akteUuid) {
    const akte = await loadWritableAkte(tx, ctx.caller, input.akteUuid);
    akteId = akte.id;
    amtId = akte.amt_id;
  } else {
    const doc = await loadVisibleDocument(tx, ctx.caller, input.documentUuid as string);
    if (!doc.amt_id || !clerkAmter(ctx.caller).includes(doc.amt_id)) throw new AppError('access.denied', {}, 'no grant for document amt');
    documentId = doc.id;
    amtId = doc.amt_id;
  }
  const uuid = ctx.ids.uuid();
  await tx.run(
    `INSERT INTO wiedervorlage (uuid, akte_id, document_id, amt_id, due_date, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [uuid, akteId, documentId, amtId, input.dueDate, input.note, ctx.caller.userId, ctx.clock.now().toISOString()],
  );
  await recordChange(tx, ctx, {
    action: 'wiedervorlage.create',
    objectType: 'wiedervorlage',
    objectUuid: uuid,
    amtId,
    details: { dueDate: input.dueDate, akte: input.akteUuid ?? null, document: input.documentUuid ?? null },
  });
  return uuid;
}

export async function completeWiedervorlage(tx: WriteTx, ctx: CallCtx, uuid: string): Promise<void> {
  const amter = clerkAmter(ctx.caller);
  const row = await tx.get<{ id: number; amt_id: string; done_at: string | null }>('SELECT id, amt_id, done_at FROM wiedervorlage WHERE uuid = ?', [uuid]);
  if (!row || !amter.includes(row.amt_id)) throw new AppError('records.not_found', { kind: 'Die Wiedervorlage' }, 'wiedervorlage not visible');
  if (row.done_at) return;
  await tx.run('UPDATE wiedervorlage SET done_at = ? WHERE id = ?', [ctx.clock.now().toISOString(), row.id]);
  await recordChange(tx, ctx, { action: 'wiedervorlage.complete', objectType: 'wiedervorlage', objectUuid: uuid, amtId: row.amt_id });
}

/**
 * A letter handed to another Amt ends the old Amt's open Wiedervorlagen on it (audited in that Amt): the
 * clerk sees where it went, the new Amt never sees them (lists go by the Wiedervorlage's own Amt).
 */
export async function endHandedOnWiedervorlagen(tx: WriteTx, ctx: CallCtx, documentId: number, toAmt: string): Promise<void> {
  const open = await tx.all<{ id: number; uuid: string; amt_id: string }>(
    'SELECT id, uuid, amt_id FROM wiedervorlage WHERE document_id = ? AND done_at IS NULL AND amt_id <> ?',
    [documentId, toAmt],
  );
  for (const w of open) {
    await tx.run('UPDATE wiedervorlage SET done_at = ? WHERE id = ?', [ctx.clock.now().toISOString(), w.id]);
    await recordChange(tx, ctx, { action: 'wiedervorlage.handed_on', objectType: 'wiedervorlage', objectUuid: w.uuid, amtId: w.amt_id, details: { to: toAmt } });
  }
}

export async function getWiedervorlage(q: Queryable, uuid: string): Promise<Wiedervorlage> {
  const row = await q.get<WiedervorlageRow>(`${WIEDERVORLAGE_SELECT} WHERE w.uuid = ?`, [uuid]);
  if (!row) throw new AppError('records.not_found', { kind: 'Die Wiedervorlage' }, 'wiedervorlage not found');
  return toWiedervorlage(row);
}

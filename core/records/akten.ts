import { AppError } from '../../contract/app-error';
import type { MethodOutput, MethodParsedInput } from '../../contract/methods';
import type { Akte, AkteSummary, Person } from '../../contract/schemas/records';
import { akteVisibility, mayWriteAmt } from '../access/policy';
import type { Caller } from '../access/caller';
import { formatAkteAktenzeichen, formatVorgangAktenzeichen } from '../domain/aktenzeichen';
import { localDate } from '../platform/clock';
import type { Queryable, WriteTx } from '../store/db';
import { recordChange } from './change';
import type { CallCtx } from './context';
import { AKTE_ROW_SELECT, AKTE_SUMMARY_SELECT, toAkteSummary, type AkteRow, type AkteSummaryRow } from './rows';

export async function listAkten(
  q: Queryable,
  caller: Caller,
  input: MethodParsedInput<'akten.list'>,
): Promise<MethodOutput<'akten.list'>> {
  const vis = akteVisibility(caller);
  const where = [vis.sql];
  const params: (string | number)[] = [...vis.params];
  if (input.aktenplanEntryUuid && input.includeSubEntries) {
    // Aktenplan numbers are hierarchical (21.30 → 21.30.01), so a prefix finds every position below.
    where.push(`(p.uuid = ? OR p.number LIKE (SELECT number FROM aktenplan_entry WHERE uuid = ?) || '.%')`);
    params.push(input.aktenplanEntryUuid, input.aktenplanEntryUuid);
  } else if (input.aktenplanEntryUuid) {
    where.push('p.uuid = ?');
    params.push(input.aktenplanEntryUuid);
  }
  if (input.mine) {
    where.push('a.owner_user_id = ?');
    params.push(caller.userId);
  }
  if (input.amtId) {
    where.push('a.amt_id = ?');
    params.push(input.amtId);
  }
  if (input.status) {
    where.push('a.status = ?');
    params.push(input.status);
  }
  if (input.text) {
    where.push(`(a.aktenzeichen LIKE ? ESCAPE '\\' OR a.title LIKE ? ESCAPE '\\')`);
    const like = `%${input.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like);
  }
  const whereSql = where.join(' AND ');
  const total = await q.get<{ n: number }>(
    `SELECT count(*) AS n FROM akte a JOIN aktenplan_entry p ON p.id = a.aktenplan_entry_id WHERE ${whereSql}`,
    params,
  );
  const rows = await q.all<AkteSummaryRow>(
    `${AKTE_SUMMARY_SELECT} WHERE ${whereSql} ORDER BY a.aktenzeichen LIMIT ? OFFSET ?`,
    [...params, input.limit, input.offset],
  );
  return { items: rows.map(toAkteSummary), total: total?.n ?? 0 };
}

const akteNotFound = (uuid: string) =>
  new AppError('records.not_found', { kind: 'Die Akte' }, `akte ${uuid} not found or not visible`);

/** Loads a visible Akte or fails with not_found: invisible Akten do not exist for the caller. */
export async function loadVisibleAkte(q: Queryable, caller: Caller, uuid: string): Promise<AkteRow> {
  const vis = akteVisibility(caller);
  const row = await q.get<AkteRow>(`${AKTE_ROW_SELECT} WHERE a.uuid = ? AND ${vis.sql}`, [uuid, ...vis.params]);
  if (!row) throw akteNotFound(uuid);
  return row;
}

/** For changes: the Akte must belong to one of the caller's Ämter and must not be closed. */
export async function loadWritableAkte(q: Queryable, caller: Caller, uuid: string): Promise<AkteRow> {
  const row = await loadVisibleAkte(q, caller, uuid);
  if (!mayWriteAmt(caller, row.amt_id)) throw new AppError('access.denied', {}, `no write grant for amt ${row.amt_id}`);
  if (row.status === 'zda') throw new AppError('records.akte_closed', { aktenzeichen: row.aktenzeichen }, 'akte is zda');
  return row;
}

export async function getAkte(q: Queryable, caller: Caller, uuid: string): Promise<Akte> {
  const vis = akteVisibility(caller);
  const row = await q.get<AkteSummaryRow>(`${AKTE_SUMMARY_SELECT} WHERE a.uuid = ? AND ${vis.sql}`, [uuid, ...vis.params]);
  if (!row) throw akteNotFound(uuid);
  const plan = await q.get<{ title: string; retention_years: number | null; archival_hint: 'A' | 'B' | 'V' | null }>(
    `SELECT p.title, p.retention_years, p.archival_hint FROM akte a JOIN aktenplan_entry p ON p.id = a.aktenplan_entry_id WHERE a.id = ?`,
    [row.id],
  );
  const persons = await q.all<{ role: string; name: string; birth_date: string | null }>(
    'SELECT role, name, birth_date FROM akte_person WHERE akte_id = ? ORDER BY rowid',
    [row.id],
  );
  const vorgaenge = await q.all<{ uuid: string; aktenzeichen: string; title: string; created_at: string; n: number }>(
    `SELECT v.uuid, v.aktenzeichen, v.title, v.created_at,
            (SELECT count(*) FROM document d WHERE d.vorgang_id = v.id) AS n
     FROM vorgang v WHERE v.akte_id = ? ORDER BY v.running_no`,
    [row.id],
  );
  return {
    ...toAkteSummary(row),
    aktenplanTitle: plan?.title ?? '',
    retentionYears: plan?.retention_years ?? null,
    archivalHint: plan?.archival_hint ?? null,
    persons: persons.map((p) => ({ role: p.role, name: p.name, birthDate: p.birth_date })),
    vorgaenge: vorgaenge.map((v) => ({
      uuid: v.uuid,
      aktenzeichen: v.aktenzeichen,
      title: v.title,
      createdAt: v.created_at,
      documentCount: v.n,
    })),
  };
}

export interface NewAkte {
  aktenplanEntryUuid: string;
  title: string;
  persons: Person[];
  firstVorgangTitle?: string | undefined;
  /** Import of existing files (demo data, migration) sets these; new files open today without a hold. */
  openedAt?: string;
  legalHold?: string | null;
}

/** Creates an Akte with its first Vorgang; the Aktenzeichen takes the next running number of the year. */
export async function createAkte(tx: WriteTx, ctx: CallCtx, input: NewAkte): Promise<{ uuid: string }> {
  const entry = await tx.get<{ id: number; number: string; amt_id: string; children: number }>(
    `SELECT e.id, e.number, e.amt_id, (SELECT count(*) FROM aktenplan_entry c WHERE c.parent_id = e.id) AS children
     FROM aktenplan_entry e WHERE e.uuid = ?`,
    [input.aktenplanEntryUuid],
  );
  if (!entry) throw new AppError('records.not_found', { kind: 'Die Aktenplanposition' }, 'aktenplan entry not found');
  if (entry.children > 0) throw new AppError('records.not_a_leaf', { number: entry.number }, 'akte under non-leaf');
  if (!mayWriteAmt(ctx.caller, entry.amt_id)) throw new AppError('access.denied', {}, `no write grant for amt ${entry.amt_id}`);

  const now = ctx.clock.now();
  const openedAt = input.openedAt ?? localDate(now);
  const year = Number(openedAt.slice(0, 4));
  const next = await tx.get<{ n: number }>(
    'SELECT COALESCE(MAX(running_no), 0) + 1 AS n FROM akte WHERE aktenplan_entry_id = ? AND year = ?',
    [entry.id, year],
  );
  const runningNo = next?.n ?? 1;
  const aktenzeichen = formatAkteAktenzeichen(entry.number, runningNo, year);
  const uuid = ctx.ids.uuid();
  const iso = now.toISOString();
  const { lastID: akteId } = await tx.run(
    `INSERT INTO akte (uuid, aktenzeichen, aktenplan_entry_id, amt_id, year, running_no, title, opened_at, legal_hold, owner_user_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [uuid, aktenzeichen, entry.id, entry.amt_id, year, runningNo, input.title, openedAt, input.legalHold ?? null, ctx.caller.userId, iso, iso],
  );
  for (const p of input.persons) {
    await tx.run('INSERT INTO akte_person (akte_id, role, name, birth_date) VALUES (?, ?, ?, ?)', [akteId, p.role, p.name, p.birthDate]);
  }
  await recordChange(tx, ctx, {
    action: 'akte.create',
    objectType: 'akte',
    objectUuid: uuid,
    amtId: entry.amt_id,
    details: { aktenzeichen, aktenplan: entry.number, legalHold: input.legalHold ? true : undefined },
    outbox: { op: 'akte.create', payload: { uuid, aktenzeichen, aktenplan: entry.number, amtId: entry.amt_id } },
  });
  await insertVorgang(tx, ctx, { akteId, akteUuid: uuid, akteAktenzeichen: aktenzeichen, amtId: entry.amt_id }, input.firstVorgangTitle ?? input.title);
  return { uuid };
}

export async function insertVorgang(
  tx: WriteTx,
  ctx: CallCtx,
  akte: { akteId: number; akteUuid: string; akteAktenzeichen: string; amtId: string },
  title: string,
): Promise<{ uuid: string }> {
  const next = await tx.get<{ n: number }>('SELECT COALESCE(MAX(running_no), 0) + 1 AS n FROM vorgang WHERE akte_id = ?', [akte.akteId]);
  const runningNo = next?.n ?? 1;
  const aktenzeichen = formatVorgangAktenzeichen(akte.akteAktenzeichen, runningNo);
  const uuid = ctx.ids.uuid();
  const iso = ctx.clock.now().toISOString();
  await tx.run(
    `INSERT INTO vorgang (uuid, akte_id, running_no, aktenzeichen, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [uuid, akte.akteId, runningNo, aktenzeichen, title, iso, iso],
  );
  await recordChange(tx, ctx, {
    action: 'vorgang.create',
    objectType: 'vorgang',
    objectUuid: uuid,
    amtId: akte.amtId,
    details: { aktenzeichen, akte: akte.akteUuid },
    outbox: { op: 'vorgang.create', payload: { uuid, aktenzeichen, akteUuid: akte.akteUuid } },
  });
  return { uuid };
}

export async function createVorgang(tx: WriteTx, ctx: CallCtx, akteUuid: string, title: string): Promise<{ uuid: string }> {
  const akte = await loadWritableAkte(tx, ctx.caller, akteUuid);
  return insertVorgang(tx, ctx, { akteId: akte.id, akteUuid, akteAktenzeichen: akte.aktenzeichen, amtId: akte.amt_id }, title);
}

/** zdA: the file is closed, becomes read-only, and its retention period starts. */
export async function markZda(tx: WriteTx, ctx: CallCtx, uuid: string, zdaAt?: string): Promise<void> {
  const akte = await loadWritableAkte(tx, ctx.caller, uuid);
  const date = zdaAt ?? localDate(ctx.clock.now());
  await tx.run(`UPDATE akte SET status = 'zda', zda_at = ?, updated_at = ? WHERE id = ?`, [date, ctx.clock.now().toISOString(), akte.id]);
  await recordChange(tx, ctx, {
    action: 'akte.zda',
    objectType: 'akte',
    objectUuid: uuid,
    amtId: akte.amt_id,
    details: { zdaAt: date },
    outbox: { op: 'akte.zda', payload: { uuid, zdaAt: date } },
  });
}

export async function reopenAkte(tx: WriteTx, ctx: CallCtx, uuid: string, reason: string): Promise<void> {
  const akte = await loadVisibleAkte(tx, ctx.caller, uuid);
  if (!mayWriteAmt(ctx.caller, akte.amt_id)) throw new AppError('access.denied', {}, `no write grant for amt ${akte.amt_id}`);
  if (akte.status !== 'zda') throw new AppError('records.akte_not_closed', { aktenzeichen: akte.aktenzeichen }, 'akte is open');
  await tx.run(`UPDATE akte SET status = 'open', zda_at = NULL, updated_at = ? WHERE id = ?`, [ctx.clock.now().toISOString(), akte.id]);
  await recordChange(tx, ctx, {
    action: 'akte.reopen',
    objectType: 'akte',
    objectUuid: uuid,
    amtId: akte.amt_id,
    // The reason is the clerk's own justification, kept in the audit trail by design.
    details: { reason, previousZdaAt: akte.zda_at },
    outbox: { op: 'akte.reopen', payload: { uuid } },
  });
}

/**
 * Sets or lifts an Aufbewahrungssperre (legal hold, e.g. a pending lawsuit): while set, the Akte is not
 * offered for Aussonderung and cannot be deleted. Allowed on closed (zdA) Akten too, because that is where
 * it matters; it changes no content. `reason` says why it is set or lifted and stays in the audit trail.
 */
export async function setLegalHold(tx: WriteTx, ctx: CallCtx, uuid: string, hold: { set: boolean; reason: string }): Promise<void> {
  const akte = await loadVisibleAkte(tx, ctx.caller, uuid);
  if (!mayWriteAmt(ctx.caller, akte.amt_id)) throw new AppError('access.denied', {}, `no write grant for amt ${akte.amt_id}`);
  if (!hold.set && !akte.legal_hold) throw new AppError('records.no_legal_hold', { aktenzeichen: akte.aktenzeichen }, 'no legal hold to lift');
  await tx.run('UPDATE akte SET legal_hold = ?, updated_at = ? WHERE id = ?', [hold.set ? hold.reason : null, ctx.clock.now().toISOString(), akte.id]);
  await recordChange(tx, ctx, {
    action: hold.set ? 'akte.legal_hold.set' : 'akte.legal_hold.lift',
    objectType: 'akte',
    objectUuid: uuid,
    amtId: akte.amt_id,
    details: { reason: hold.reason, previous: akte.legal_hold },
  });
}

export type { AkteSummary };

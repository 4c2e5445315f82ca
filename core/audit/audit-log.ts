import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerification } from '../../contract/schemas/audit';
import type { Queryable, WriteTx } from '../store/db';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  actor: string;
  /** `area.verb`, e.g. `akte.create`, `document.file`, `akte.zda`. */
  action: string;
  objectType: string;
  objectUuid: string | null;
  amtId?: string | null;
  /** Ids, codes and field names; no document text. */
  details?: Record<string, unknown>;
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  object_type: string;
  object_uuid: string | null;
  amt_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

const entryHash = (prevHash: string, r: Omit<Row, 'hash' | 'prev_hash'>): string =>
  createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(
      canonicalJson({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        action: r.action,
        objectType: r.object_type,
        objectUuid: r.object_uuid,
        amtId: r.amt_id,
        details: JSON.parse(r.details),
      }),
    )
    .digest('hex');

/** Appends inside the caller's write transaction, so the entry exists exactly when the change does. */
export async function appendAudit(tx: WriteTx, at: Date, input: AuditInput): Promise<number> {
  return appendAuditEntries(tx, at, [input]);
}

/**
 * Appends entries in the given order, chained, in one statement (bulk changes such as the DMS's initial sync
 * audit thousands of documents in one transaction; two statements per entry were most of its time). Returns
 * the last entry's seq.
 */
export async function appendAuditEntries(tx: WriteTx, at: Date, inputs: readonly AuditInput[]): Promise<number> {
  const last = await tx.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const iso = at.toISOString();
  const rows = inputs.map((input): Row => {
    const row = {
      seq: ++seq,
      at: iso,
      actor: input.actor,
      action: input.action,
      object_type: input.objectType,
      object_uuid: input.objectUuid,
      amt_id: input.amtId ?? null,
      details: canonicalJson(input.details ?? {}),
    };
    const entry = { ...row, prev_hash: prevHash, hash: entryHash(prevHash, row) };
    prevHash = entry.hash;
    return entry;
  });
  if (rows.length === 0) return seq;
  await tx.run(
    `INSERT INTO audit_event (seq, at, actor, action, object_type, object_uuid, amt_id, details, prev_hash, hash)
     SELECT value->>'seq', value->>'at', value->>'actor', value->>'action', value->>'object_type', value->>'object_uuid', value->>'amt_id',
            value->>'details', value->>'prev_hash', value->>'hash' FROM json_each(?)`,
    [JSON.stringify(rows)],
  );
  return seq;
}

/**
 * Recomputes the whole chain. Detects edited, inserted, reordered or deleted entries in the middle;
 * cutting entries off the end is only visible against an external copy of the head hash (the sync
 * to the central DMS carries it).
 */
export async function verifyAuditChain(q: Queryable, batch = 5000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const rows = await q.all<Row>('SELECT * FROM audit_event WHERE seq >= ? ORDER BY seq LIMIT ?', [expectedSeq, batch]);
    if (rows.length === 0) break;
    for (const r of rows) {
      const fail = (reason: string): AuditVerification => ({
        ok: false,
        entries,
        headHash: prevHash === GENESIS_HASH ? null : prevHash,
        brokenAtSeq: r.seq,
        reason,
      });
      if (r.seq !== expectedSeq) return { ...fail(`entry ${expectedSeq} missing`), brokenAtSeq: expectedSeq };
      if (r.prev_hash !== prevHash) return fail('prev_hash does not match the previous entry');
      let computed: string;
      try {
        computed = entryHash(prevHash, r);
      } catch {
        return fail('details are not valid JSON');
      }
      if (computed !== r.hash) return fail('entry content does not match its hash');
      prevHash = r.hash;
      expectedSeq++;
      entries++;
    }
  }
  return { ok: true, entries, headHash: entries ? prevHash : null, brokenAtSeq: null, reason: null };
}

export async function auditForObject(q: Queryable, uuid: string): Promise<AuditEntry[]> {
  const rows = await q.all<Row>('SELECT * FROM audit_event WHERE object_uuid = ? ORDER BY seq', [uuid]);
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    objectType: r.object_type,
    objectUuid: r.object_uuid,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

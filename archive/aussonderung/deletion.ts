import { rm } from 'node:fs/promises';
import type { DeletionProtocolEntry } from '../../contract/methods/aussonderung';
import type { ArchivalHint } from '../../contract/schemas/records';
import { recordChange } from '../../core/records/change';
import type { CallCtx } from '../../core/records/context';
import type { WriteTx } from '../../core/store/store';
import { auditAussonderung } from './audit';
import { loadDeletionProtocol } from './deletion-protocol';
import { loadAussonderung, loadObjects, type AussonderungRow, type ObjectRow } from './repository';

export type DeletionVerdict = { readonly delete: true; readonly ground: 'archived' | 'destroyed' } | { readonly delete: false; readonly reason: string };

/**
 * Whether an offered Akte may be deleted now; pure. V goes once appraised; a B Akte not chosen goes once
 * the choice is final (the 0503 was written); a handed-over Akte only after the archive confirmed its
 * import. A legal hold keeps any Akte.
 */
export function deletionVerdict(row: AussonderungRow, o: ObjectRow, akte: { status: string } | undefined): DeletionVerdict {
  if (o.deleted_at) return { delete: false, reason: 'bereits gelöscht' };
  if (!akte) return { delete: false, reason: 'Akte nicht mehr vorhanden' };
  if (o.legal_hold) return { delete: false, reason: `Aufbewahrungssperre: ${o.legal_hold}` };
  if (akte.status !== 'zda') return { delete: false, reason: 'Akte ist nicht mehr zdA verfügt' };
  if (o.decision === null) return { delete: false, reason: 'vom Archiv nicht bewertet' };
  if (o.decision === 'V') return { delete: true, ground: 'destroyed' };
  if (o.selected === 0) {
    return row.exported_at ? { delete: true, ground: 'destroyed' } : { delete: false, reason: 'Auswahl (B) noch nicht abgeschlossen' };
  }
  if (o.import_ok === 1) return { delete: true, ground: 'archived' };
  if (o.import_ok === 0) return { delete: false, reason: `Übernahme im Archiv fehlgeschlagen: ${o.import_error ?? 'ohne Angabe'}` };
  return { delete: false, reason: 'Übernahme durch das Archiv noch nicht bestätigt' };
}

export interface DeletionResult {
  deleted: DeletionProtocolEntry[];
  kept: { akteUuid: string; aktenzeichen: string; reason: string }[];
}

interface AkteFacts {
  id: number;
  uuid: string;
  aktenzeichen: string;
  amt_id: string;
  status: string;
  opened_at: string;
  zda_at: string;
  plan_number: string;
  retention_years: number | null;
}

/**
 * Deletes every Akte of the process that may go, with its Vorgänge, Dokumente, versions, texts and
 * follow-ups and the blobs nothing else uses, in one transaction that also writes the Löschprotokoll and
 * the audit entries (audit entries themselves are never deleted). Blob files are removed after the commit;
 * a crash in between leaves files without a record, which the fixity check reports.
 */
export async function deleteAussonderung(ctx: CallCtx, prozessId: string): Promise<DeletionResult> {
  const removedBlobs: string[] = [];
  const result = await ctx.store.write(async (tx) => {
    const row = await loadAussonderung(tx, prozessId);
    const objects = await loadObjects(tx, row.id);
    const appraisal = await tx.get<{ recorded_at: string }>(
      `SELECT recorded_at FROM aussonderung_message WHERE aussonderung_id = ? AND type = '0502'`,
      [row.id],
    );
    const kept: DeletionResult['kept'] = [];
    const deletedSeqs: number[] = [];
    for (const o of objects) {
      const akte = await tx.get<AkteFacts>(
        `SELECT a.id, a.uuid, a.aktenzeichen, a.amt_id, a.status, a.opened_at, a.zda_at, p.number AS plan_number, p.retention_years
         FROM akte a JOIN aktenplan_entry p ON p.id = a.aktenplan_entry_id WHERE a.uuid = ?`,
        [o.akte_uuid],
      );
      const verdict = deletionVerdict(row, o, akte);
      if (!verdict.delete || !akte || !appraisal) {
        if (!o.deleted_at) kept.push({ akteUuid: o.akte_uuid, aktenzeichen: o.aktenzeichen, reason: verdict.delete ? 'keine Bewertung' : verdict.reason });
        continue;
      }
      const removed = await deleteAkte(tx, ctx, akte, { prozessId: row.prozess_id, decision: o.decision!, ground: verdict.ground });
      removedBlobs.push(...removed.blobs);
      const now = ctx.clock.now().toISOString();
      const seq = await protocol(tx, ctx, { row, o, akte, appraisalAt: appraisal.recorded_at, ground: verdict.ground, removed, now });
      deletedSeqs.push(seq);
      await tx.run('UPDATE aussonderung_object SET deleted_at = ? WHERE aussonderung_id = ? AND akte_uuid = ?', [now, row.id, o.akte_uuid]);
    }
    const remaining = await tx.get<{ n: number }>('SELECT count(*) AS n FROM aussonderung_object WHERE aussonderung_id = ? AND deleted_at IS NULL', [row.id]);
    if (remaining?.n === 0) await tx.run('UPDATE aussonderung SET completed_at = COALESCE(completed_at, ?) WHERE id = ?', [ctx.clock.now().toISOString(), row.id]);
    await auditAussonderung(tx, ctx, 'aussonderung.delete', row.prozess_id, row.amt_id, { deleted: deletedSeqs.length, kept: kept.length });
    return { kept, deletedSeqs };
  });
  for (const hash of removedBlobs) await rm(ctx.store.blobs.pathOf(hash), { force: true });
  ctx.logger.info('aussonderung deleted', { prozessId, deleted: result.deletedSeqs.length, kept: result.kept.length, blobs: removedBlobs.length });
  const seqs = new Set(result.deletedSeqs);
  return { deleted: (await loadDeletionProtocol(ctx.store.reader, prozessId)).filter((e) => seqs.has(e.seq)), kept: result.kept };
}

interface Removed {
  vorgaenge: number;
  documents: { uuid: string; versions: { uuid: string; sha256: string }[] }[];
  versions: number;
  blobs: string[];
}

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

async function deleteAkte(
  tx: WriteTx,
  ctx: CallCtx,
  akte: AkteFacts,
  why: { prozessId: string; decision: ArchivalHint; ground: 'archived' | 'destroyed' },
): Promise<Removed> {
  const docs = await tx.all<{ id: number; uuid: string; posteingang_item_id: number | null }>(
    'SELECT id, uuid, posteingang_item_id FROM document WHERE akte_id = ? ORDER BY id',
    [akte.id],
  );
  const docIds = ids(docs);
  const in_ = marks(docIds.length);
  const versions = docIds.length
    ? await tx.all<{ id: number; uuid: string; document_id: number; blob_hash: string }>(
        `SELECT id, uuid, document_id, blob_hash FROM document_version WHERE document_id IN (${in_}) ORDER BY document_id, version_no`,
        docIds,
      )
    : [];
  const versionIds = ids(versions);
  const sidecars = versionIds.length
    ? await tx.all<{ blob_hash: string }>(`SELECT blob_hash FROM document_version_sidecar WHERE version_id IN (${marks(versionIds.length)})`, versionIds)
    : [];
  if (versionIds.length) await tx.run(`DELETE FROM document_version_sidecar WHERE version_id IN (${marks(versionIds.length)})`, versionIds);
  if (docIds.length) {
    await tx.run(`DELETE FROM wiedervorlage WHERE document_id IN (${in_})`, docIds);
    await tx.run(`DELETE FROM document_text WHERE document_id IN (${in_})`, docIds);
    await tx.run(`DELETE FROM document_version WHERE document_id IN (${in_})`, docIds);
    await tx.run(`DELETE FROM document WHERE id IN (${in_})`, docIds);
  }
  const items = docs.flatMap((d) => (d.posteingang_item_id === null ? [] : [d.posteingang_item_id]));
  for (const item of items) {
    await tx.run('DELETE FROM posteingang_item WHERE id = ? AND NOT EXISTS (SELECT 1 FROM document WHERE posteingang_item_id = ?)', [item, item]);
  }
  await tx.run('DELETE FROM wiedervorlage WHERE akte_id = ?', [akte.id]);
  await tx.run('DELETE FROM record_reference WHERE akte_id = ?', [akte.id]);
  const vorgaenge = await tx.run('DELETE FROM vorgang WHERE akte_id = ?', [akte.id]);
  await tx.run('DELETE FROM akte_person WHERE akte_id = ?', [akte.id]);
  await tx.run('DELETE FROM akte WHERE id = ?', [akte.id]);

  const blobs: string[] = [];
  for (const hash of new Set([...versions.map((v) => v.blob_hash), ...sidecars.map((s) => s.blob_hash)])) {
    if (await blobStillUsed(tx, hash)) continue;
    // A table we do not know may still point at the blob; its foreign key then keeps it.
    await tx.run('SAVEPOINT blob_delete');
    try {
      await tx.run('DELETE FROM blob WHERE hash = ?', [hash]);
      await tx.run('RELEASE blob_delete');
      blobs.push(hash);
    } catch {
      await tx.run('ROLLBACK TO blob_delete');
      await tx.run('RELEASE blob_delete');
    }
  }
  for (const d of docs) {
    await recordChange(tx, ctx, { action: 'document.aussondern', objectType: 'document', objectUuid: d.uuid, amtId: akte.amt_id, details: why });
  }
  await recordChange(tx, ctx, {
    action: 'akte.aussondern',
    objectType: 'akte',
    objectUuid: akte.uuid,
    amtId: akte.amt_id,
    details: { ...why, documents: docs.length },
    outbox: { op: 'akte.delete', payload: { uuid: akte.uuid, prozessId: why.prozessId, ground: why.ground } },
  });
  return {
    vorgaenge: vorgaenge.changes,
    documents: docs.map((d) => ({
      uuid: d.uuid,
      versions: versions.filter((v) => v.document_id === d.id).map((v) => ({ uuid: v.uuid, sha256: v.blob_hash })),
    })),
    versions: versions.length,
    blobs,
  };
}

const blobStillUsed = async (tx: WriteTx, hash: string): Promise<boolean> =>
  (await tx.get(
    'SELECT 1 FROM document_version WHERE blob_hash = ? UNION ALL SELECT 1 FROM document_version_sidecar WHERE blob_hash = ? LIMIT 1',
    [hash, hash],
  )) !== undefined;

async function protocol(
  tx: WriteTx,
  ctx: CallCtx,
  p: { row: AussonderungRow; o: ObjectRow; akte: AkteFacts; appraisalAt: string; ground: 'archived' | 'destroyed'; removed: Removed; now: string },
): Promise<number> {
  const uuid = ctx.ids.uuid();
  const auditSeq = await auditAussonderung(tx, ctx, 'aussonderung.loeschprotokoll', p.row.prozess_id, p.akte.amt_id, {
    protocol: uuid,
    akte: p.akte.uuid,
    ground: p.ground,
  });
  const { lastID } = await tx.run(
    `INSERT INTO loeschprotokoll (uuid, prozess_id, akte_uuid, aktenzeichen, amt_id, aktenplan_number, opened_at, zda_at, retention_years,
       decision, ground, appraisal_at, archive_id, import_confirmed_at, vorgaenge, documents, versions, blobs_removed, contents,
       deleted_at, deleted_by, audit_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      uuid,
      p.row.prozess_id,
      p.akte.uuid,
      p.akte.aktenzeichen,
      p.akte.amt_id,
      p.akte.plan_number,
      p.akte.opened_at,
      p.akte.zda_at,
      p.akte.retention_years,
      p.o.decision,
      p.ground,
      p.appraisalAt,
      p.ground === 'archived' ? p.o.archive_id : null,
      p.ground === 'archived' ? p.row.import_confirmed_at : null,
      p.removed.vorgaenge,
      p.removed.documents.length,
      p.removed.versions,
      p.removed.blobs.length,
      JSON.stringify(p.removed.documents),
      p.now,
      ctx.caller.username,
      auditSeq,
    ],
  );
  return lastID;
}

import { AppError } from '../../contract/app-error';
import type { AutoFiledDocument, ClassifyProposal } from '../../contract/methods/classify';
import { clerkAmter, documentVisibility } from '../../core/access';
import type { Caller } from '../../core/access/caller';
import type { CallCtx, CoreDeps } from '../../core/records/context';
import { fileDocument, loadVisibleDocument } from '../../core/records/documents';
import { returnToPosteingang } from '../../core/records/unfile';
import type { WriteTx } from '../../core/store/db';
import { amtOf, autoFilingState, recordOutcome } from './service';

/**
 * The actor of automatic filings in the audit trail: a Sachbearbeitung grant for exactly the Amt whose
 * rule files, so core/records checks it like any clerk (open Akte, same Amt, no other Amt's files).
 */
export const autoFilingCaller = (amtId: string): Caller => ({
  userId: 0,
  uuid: '00000000-0000-4000-8000-00000000a170',
  username: 'automatische-ablage',
  displayName: 'Automatische Ablage',
  grants: [{ role: 'sachbearbeitung', amtId }],
});

/**
 * Files a Posteingang document where its proposal points when the Amt's rule allows it: only a proposal
 * that names one Vorgang of an open Akte of the Amt itself, never one whose references touch another
 * Amt (`needsReview`), and never a document whose automatic filing was undone once. Returns whether it
 * filed.
 */
export async function autoFileIfAllowed(
  tx: WriteTx, deps: CoreDeps, doc: { id: number; uuid: string }, proposal: ClassifyProposal,
): Promise<boolean> {
  const top = proposal.candidates[0];
  if (!proposal.autoFile || proposal.needsReview || !top || top.kind !== 'akte' || !top.vorgangUuid) return false;
  if (proposal.autoFiling.threshold === null) return false;
  const undoneBefore = await tx.get('SELECT 1 AS x FROM classify_auto_filing WHERE document_id = ?', [doc.id]);
  if (undoneBefore) return false;
  const open = await tx.get<{ amt_id: string }>(
    `SELECT a.amt_id FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE v.uuid = ? AND a.status = 'open'`,
    [top.vorgangUuid],
  );
  if (open?.amt_id !== proposal.amtId) return false;
  await fileDocument(tx, { ...deps, caller: autoFilingCaller(proposal.amtId) }, doc.uuid, top.vorgangUuid);
  await tx.run(
    `INSERT INTO classify_auto_filing (document_id, amt_id, vorgang_uuid, confidence, threshold, proposal, filed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [doc.id, proposal.amtId, top.vorgangUuid, top.confidence, proposal.autoFiling.threshold, JSON.stringify(top.reasons),
      deps.clock.now().toISOString()],
  );
  deps.logger.info('classify.auto_filed', { amtId: proposal.amtId, confidence: top.confidence, threshold: proposal.autoFiling.threshold });
  return true;
}

/**
 * Undoes an automatic filing: the document goes back to the Posteingang (audited through core/records)
 * and the Amt's record counts it as a wrong proposal, which may switch its auto-filing off again.
 */
export async function undoAutoFiling(ctx: CallCtx, uuid: string) {
  return ctx.store.write(async (tx) => {
    const doc = await loadVisibleDocument(tx, ctx.caller, uuid);
    const amtId = amtOf(ctx.caller, doc.amt_id);
    const row = await tx.get<{ id: number; vorgang_uuid: string; confidence: number; proposal: string }>(
      'SELECT id, vorgang_uuid, confidence, proposal FROM classify_auto_filing WHERE document_id = ? AND undone_at IS NULL',
      [doc.id],
    );
    if (!row || doc.status !== 'abgelegt') throw new AppError('classify.not_auto_filed', {}, 'no automatic filing to undo');
    if (doc.vorgang_uuid !== row.vorgang_uuid) throw new AppError('classify.moved_since', {}, 'document moved after automatic filing');
    await returnToPosteingang(tx, ctx, uuid);
    const now = ctx.clock.now().toISOString();
    await tx.run('UPDATE classify_auto_filing SET undone_at = ? WHERE id = ?', [now, row.id]);
    await recordOutcome(tx, amtId, uuid, {
      decidedBy: 'reference', proposed: doc.akte_uuid, chosen: 'rueckgaengig', confidence: row.confidence, correct: false, at: now,
    });
    ctx.logger.warn('classify.auto_filing_undone', { amtId, confidence: row.confidence });
    return { documentUuid: uuid, autoFiling: await autoFilingState(tx, amtId) };
  });
}

/** The caller's Ämter with their auto-filing state, and their automatically filed documents not undone. */
export async function listAutoFiled(ctx: CallCtx, limit: number) {
  const amter = clerkAmter(ctx.caller);
  const q = ctx.store.reader;
  const vis = documentVisibility(ctx.caller);
  const marks = amter.map(() => '?').join(',');
  const rows = amter.length
    ? await q.all<{
        uuid: string; title: string; amt_id: string; akte_uuid: string; vorgang_uuid: string; aktenzeichen: string;
        confidence: number; threshold: number; filed_at: string; proposal: string;
      }>(
        `SELECT d.uuid, d.title, f.amt_id, a.uuid AS akte_uuid, v.uuid AS vorgang_uuid, v.aktenzeichen, f.confidence, f.threshold,
           f.filed_at, f.proposal
         FROM classify_auto_filing f JOIN document d ON d.id = f.document_id JOIN vorgang v ON v.id = d.vorgang_id
         JOIN akte a ON a.id = d.akte_id
         WHERE f.undone_at IS NULL AND f.amt_id IN (${marks}) AND ${vis.sql} ORDER BY f.id DESC LIMIT ?`,
        [...amter, ...vis.params, limit],
      )
    : [];
  const items: AutoFiledDocument[] = rows.map((r) => ({
    documentUuid: r.uuid, title: r.title, amtId: r.amt_id, akteUuid: r.akte_uuid, vorgangUuid: r.vorgang_uuid,
    aktenzeichen: r.aktenzeichen, confidence: r.confidence, threshold: r.threshold, filedAt: r.filed_at,
    reasons: JSON.parse(r.proposal) as AutoFiledDocument['reasons'],
  }));
  const states = [];
  for (const amtId of amter) states.push({ amtId, autoFiling: await autoFilingState(q, amtId) });
  return { amter: states, items };
}

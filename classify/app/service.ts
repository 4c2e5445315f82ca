import { AppError } from '../../contract/app-error';
import { proposalTextLimit, type AutoFilingState, type ClassifyProposal, type FilingCandidate, type FoundReference } from '../../contract/methods/classify';
import { clerkAmter } from '../../core/access';
import type { Caller } from '../../core/access/caller';
import type { CallCtx, CoreDeps } from '../../core/records/context';
import { fileDocument, loadVisibleDocument } from '../../core/records/documents';
import type { Queryable, WriteTx } from '../../core/store/db';
import {
  classifyDocument, createMemoryReferenceIndex, evaluateAutoFiling, extractReferences, matchKeys, matchReferences,
  proposeFiling, type AutoFilingDecision, type Reference, type ReferenceHit, type ReferenceIndex, type ReferenceType,
} from '../index';
import { defaultAutoFilingPolicy } from '../policy/auto-filing';
import { learnFiling, loadOrTrainModel, retrainAmt } from './model-store';

/** How the demo data and the records store name reference types (record_reference.type). */
const storeType: Partial<Record<ReferenceType, string>> = {
  kassenzeichen: 'kassenzeichen',
  courtAktenzeichen: 'gericht_az',
  azrNummer: 'azr',
};

/**
 * The city's own Kassenzeichen as printed on its letters (`210-2024-123456`: Amt, year, number) is not
 * the 12-digit form the extractor knows; read it too when the word Kassenzeichen stands before it.
 */
const cityKassenzeichen = /Kassenzeichen(?:\s*(?:Nr\.?|:|zu))?\s*(\d{3}-\d{4}-\d{6})\b/gu;

export function extractAll(text: string): Reference[] {
  const refs = [...extractReferences(text)];
  for (const m of text.matchAll(cityKassenzeichen)) {
    const value = m[1]!;
    const start = m.index + m[0].length - value.length;
    if (!refs.some((r) => r.start < start + value.length && start < r.end)) {
      refs.push({ type: 'kassenzeichen', value, raw: value, start, end: start + value.length, confidence: 0.99 });
    }
  }
  return refs.sort((a, b) => a.start - b.start);
}

/**
 * The store's reference index for these references: record_reference plus the Aktenzeichen of Akten and
 * Vorgänge, over all Ämter, so that a reference into files of two Ämter is seen (and flagged) rather
 * than silently narrowed to one. Only the caller's Amt's files are ever shown.
 */
export async function storeReferenceIndex(q: Queryable, refs: readonly Reference[]): Promise<ReferenceIndex> {
  const keys = new Set(matchKeys(refs));
  const entries: { type: ReferenceType; value: string; hit: ReferenceHit }[] = [];
  for (const ref of refs) {
    const st = storeType[ref.type];
    if (st) {
      const rows = await q.all<{ akte: string; vorgang: string | null; amt: string }>(
        `SELECT a.uuid AS akte, v.uuid AS vorgang, a.amt_id AS amt FROM record_reference r JOIN akte a ON a.id = r.akte_id
         LEFT JOIN vorgang v ON v.id = r.vorgang_id WHERE r.type = ? AND r.value = ?`,
        [st, ref.value],
      );
      for (const r of rows) entries.push({ type: ref.type, value: ref.value, hit: hit(r) });
    }
    if (ref.type === 'aktenzeichen') {
      const rows = await q.all<{ akte: string; vorgang: string | null; amt: string }>(
        `SELECT a.uuid AS akte, NULL AS vorgang, a.amt_id AS amt FROM akte a WHERE a.aktenzeichen = ?
         UNION ALL SELECT a.uuid, v.uuid, a.amt_id FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE v.aktenzeichen = ?`,
        [ref.value, ref.value],
      );
      for (const r of rows) entries.push({ type: ref.type, value: ref.value, hit: hit(r) });
    }
  }
  const index = createMemoryReferenceIndex(entries);
  return { lookup: (key) => (keys.has(key) ? index.lookup(key) : []) };
}

const hit = (r: { akte: string; vorgang: string | null; amt: string }): ReferenceHit =>
  r.vorgang ? { akteId: r.akte, vorgangId: r.vorgang, amtId: r.amt } : { akteId: r.akte, amtId: r.amt };

/** The Amt a call works for: the document's, or the caller's only (first) Sachbearbeitung Amt. */
export function amtOf(caller: Caller, wanted: string | null | undefined): string {
  const amter = clerkAmter(caller);
  if (wanted) {
    if (!amter.includes(wanted)) throw new AppError('records.not_found', { kind: 'Das Dokument' }, 'document of another Amt');
    return wanted;
  }
  const first = amter[0];
  if (!first) throw new AppError('classify.no_amt', {}, 'caller has no Sachbearbeitung grant');
  return first;
}

export async function autoFiling(q: Queryable, amtId: string): Promise<{ decision: AutoFilingDecision; outcomes: number }> {
  const rows = await q.all<{ confidence: number; correct: number }>(
    'SELECT confidence, correct FROM classify_outcome WHERE amt_id = ? ORDER BY id DESC LIMIT ?',
    [amtId, defaultAutoFilingPolicy.window],
  );
  return { decision: evaluateAutoFiling(rows.map((r) => ({ confidence: r.confidence, correct: r.correct === 1 }))), outcomes: rows.length };
}

/** The Amt's auto-filing state as the API reports it. */
export async function autoFilingState(q: Queryable, amtId: string): Promise<AutoFilingState> {
  const { decision, outcomes } = await autoFiling(q, amtId);
  return { enabled: decision.enabled, threshold: decision.threshold, reason: decision.reason, outcomes };
}

const pageOf = (pageStarts: readonly number[] | undefined, offset: number): number | null => {
  if (!pageStarts?.length) return null;
  let page = 1;
  pageStarts.forEach((s, i) => { if (offset >= s) page = i + 1; });
  return page;
};

/** The proposal for one text in one Amt: references, top-3 candidates with reasons, auto-filing state. */
export async function proposeForText(
  deps: CoreDeps, tx: WriteTx, amtId: string, text: string, documentUuid: string | null, pageStarts?: readonly number[],
): Promise<ClassifyProposal & { modelRevision: number }> {
  const { model, trainedAt, examples, revision } = await loadOrTrainModel(deps, tx, amtId);
  const refs = extractAll(text);
  const index = await storeReferenceIndex(tx, refs);
  const { decision, outcomes } = await autoFiling(tx, amtId);
  // proposeFiling extracts by itself; give it our references through a pre-resolved index
  const p = proposeFiling(text, { amtId, model, index, decision });
  const match = matchReferences(refs, index);
  const foreign = match.candidates.some((c) => c.amtId !== amtId);
  const needsReview = match.crossAmt || foreign;
  const candidates: FilingCandidate[] = [];
  for (const c of match.candidates.filter((c) => c.amtId === amtId)) {
    if (candidates.length >= 3) break;
    const a = await tx.get<{ id: number; aktenzeichen: string; title: string; number: string }>(
      `SELECT a.id, a.aktenzeichen, a.title, e.number FROM akte a JOIN aktenplan_entry e ON e.id = a.aktenplan_entry_id WHERE a.uuid = ?`,
      [c.akteId],
    );
    if (!a) continue;
    const v = c.vorgangId
      ? { uuid: c.vorgangId }
      : await tx.get<{ uuid: string }>('SELECT uuid FROM vorgang WHERE akte_id = ? ORDER BY running_no DESC LIMIT 1', [a.id]);
    candidates.push({
      kind: 'akte', akteUuid: c.akteId, aktenzeichen: a.aktenzeichen, vorgangUuid: v?.uuid ?? null, aktenplanNumber: a.number,
      title: a.title, confidence: c.confidence,
      reasons: c.reasons.map((r) => ({ kind: 'reference' as const, type: r.type, value: r.value, start: r.start, end: r.end })),
    });
  }
  const classification = classifyDocument(model, text);
  for (const prop of classification.aktenplan) {
    if (candidates.length >= 3) break;
    if (candidates.some((c) => c.aktenplanNumber === prop.label)) continue;
    const e = await tx.get<{ title: string }>('SELECT title FROM aktenplan_entry WHERE number = ? AND amt_id = ?', [prop.label, amtId]);
    candidates.push({
      kind: 'aktenplan', akteUuid: null, aktenzeichen: null, vorgangUuid: null, aktenplanNumber: prop.label, title: e?.title ?? prop.label,
      confidence: prop.confidence, reasons: prop.drivers.map((d) => ({ kind: 'word' as const, word: d.word, weight: d.weight })),
    });
  }
  const references: FoundReference[] = refs.map((r) => ({
    type: r.type, value: r.value, raw: r.raw, start: r.start, end: r.end, page: pageOf(pageStarts, r.start), confidence: r.confidence,
  }));
  const top = candidates[0];
  return {
    documentUuid,
    amtId,
    references,
    candidates,
    documentTypes: classification.documentType.map((d) => ({ label: d.label, confidence: d.confidence })),
    decidedBy: needsReview || top?.kind === 'akte' ? 'reference' : top ? 'model' : 'none',
    needsReview,
    autoFile: !needsReview && (top?.kind === 'akte' || p.autoFile) && top !== undefined && decision.enabled
      && decision.threshold !== null && top.confidence >= decision.threshold,
    autoFiling: { enabled: decision.enabled, threshold: decision.threshold, reason: decision.reason, outcomes },
    model: { trainedAt, examples },
    modelRevision: revision,
  };
}

/** Keeps the proposal of a Posteingang document, with the model revision it was made with. */
export async function storeProposal(tx: WriteTx, documentId: number, proposal: ClassifyProposal & { modelRevision: number }, now: string) {
  const { modelRevision, ...stored } = proposal;
  await tx.run(
    `INSERT INTO classify_proposal (document_id, amt_id, proposal, created_at, model_revision) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET amt_id = excluded.amt_id, proposal = excluded.proposal,
       created_at = excluded.created_at, model_revision = excluded.model_revision`,
    [documentId, stored.amtId, JSON.stringify(stored), now, modelRevision],
  );
  return stored;
}

async function posteingangDocument(tx: Queryable, caller: Caller, uuid: string) {
  const doc = await loadVisibleDocument(tx, caller, uuid);
  const amtId = amtOf(caller, doc.amt_id);
  const row = await tx.get<{ id: number; status: string; body: string; doc_type: string | null }>(
    `SELECT d.id, d.status, coalesce(t.body, '') AS body, d.doc_type FROM document d LEFT JOIN document_text t ON t.document_id = d.id WHERE d.uuid = ?`,
    [uuid],
  );
  if (row!.status !== 'eingang') throw new AppError('classify.not_in_posteingang', {}, 'document already filed');
  return { amtId, row: row! };
}

export async function proposalFor(ctx: CallCtx, uuid: string) {
  return ctx.store.write(async (tx) => {
    const { amtId, row } = await posteingangDocument(tx, ctx.caller, uuid);
    const proposal = await proposeForText(ctx, tx, amtId, row.body, uuid);
    const stored = await storeProposal(tx, row.id, proposal, ctx.clock.now().toISOString());
    return { ...stored, text: row.body.slice(0, proposalTextLimit) };
  });
}

/** Counts one clerk decision on a proposal for the Amt's auto-filing record (no person is stored). */
export async function recordOutcome(
  tx: WriteTx, amtId: string, documentUuid: string,
  o: { decidedBy: ClassifyProposal['decidedBy']; proposed: string | null; chosen: string; confidence: number; correct: boolean; at: string },
) {
  await tx.run(
    `INSERT INTO classify_outcome (amt_id, document_uuid, decided_by, proposed_label, chosen_label, confidence, correct, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [amtId, documentUuid, o.decidedBy, o.proposed, o.chosen, o.confidence, o.correct ? 1 : 0, o.at],
  );
}

/** Files the document (proposal or clerk's choice), records the outcome for the Amt and teaches its model. */
export async function accept(ctx: CallCtx, uuid: string, vorgangUuid: string | undefined) {
  return ctx.store.write(async (tx) => {
    const { amtId, row } = await posteingangDocument(tx, ctx.caller, uuid);
    const proposal = await proposeForText(ctx, tx, amtId, row.body, uuid);
    const top = proposal.candidates[0];
    const target = vorgangUuid ?? top?.vorgangUuid;
    if (!target) throw new AppError('classify.no_target', {}, 'no Vorgang proposed or chosen');
    await fileDocument(tx, ctx, uuid, target);
    const chosen = (await tx.get<{ akte: string; number: string }>(
      `SELECT a.uuid AS akte, e.number FROM vorgang v JOIN akte a ON a.id = v.akte_id JOIN aktenplan_entry e ON e.id = a.aktenplan_entry_id WHERE v.uuid = ?`,
      [target],
    ))!;
    const correct = top ? (top.kind === 'akte' ? top.akteUuid === chosen.akte : top.aktenplanNumber === chosen.number) : false;
    await recordOutcome(tx, amtId, uuid, {
      decidedBy: proposal.decidedBy, proposed: top ? (top.akteUuid ?? top.aktenplanNumber) : null,
      chosen: top?.kind === 'akte' ? chosen.akte : chosen.number, confidence: top?.confidence ?? 0, correct, at: ctx.clock.now().toISOString(),
    });
    await learnFiling(ctx, tx, amtId, { text: row.body, aktenplanNumber: chosen.number, documentType: row.doc_type ?? 'Schreiben' });
    ctx.logger.info('classify.accepted', { amtId, correct, decidedBy: proposal.decidedBy });
    return { documentUuid: uuid, vorgangUuid: target, correct, autoFiling: await autoFilingState(tx, amtId) };
  });
}

export async function retrain(ctx: CallCtx, wanted: string | undefined) {
  const amtId = amtOf(ctx.caller, wanted);
  return { amtId, ...(await retrainAmt(ctx, amtId)) };
}

export async function proposeText(ctx: CallCtx, text: string, pageStarts: readonly number[] | undefined, wanted: string | undefined) {
  const amtId = amtOf(ctx.caller, wanted);
  return ctx.store.write(async (tx) => {
    const { modelRevision: _, ...proposal } = await proposeForText(ctx, tx, amtId, text, null, pageStarts);
    return proposal;
  });
}

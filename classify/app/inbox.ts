import type { ClassifyProposal, ProposalSummary } from '../../contract/methods/classify';
import { clerkAmter, documentVisibility } from '../../core/access';
import type { CallCtx, CoreDeps } from '../../core/records/context';
import type { Queryable, WriteTx } from '../../core/store/db';
import { autoFileIfAllowed } from './auto-filing';
import { proposeForText, storeProposal } from './service';

// A stored proposal is stale when it is missing, was made for another Amt, or with an older model.
const STALE = `(p.document_id IS NULL OR p.amt_id <> d.amt_id OR p.model_revision <> coalesce(m.revision, -1))`;
const PROPOSAL_JOINS = `LEFT JOIN classify_proposal p ON p.document_id = d.id LEFT JOIN classify_model m ON m.amt_id = d.amt_id`;

interface DocRow { id: number; uuid: string; amt_id: string; body: string }

/** Ämter with Posteingang documents whose proposal is missing or stale. */
export async function amterWithStaleProposals(q: Queryable): Promise<string[]> {
  const rows = await q.all<{ amt_id: string }>(
    `SELECT DISTINCT d.amt_id FROM document d ${PROPOSAL_JOINS}
     WHERE d.status = 'eingang' AND d.amt_id IS NOT NULL AND ${STALE} ORDER BY d.amt_id`,
  );
  return rows.map((r) => r.amt_id);
}

async function propose(tx: WriteTx, deps: CoreDeps, d: DocRow): Promise<ClassifyProposal> {
  const proposal = await proposeForText(deps, tx, d.amt_id, d.body, d.uuid);
  return storeProposal(tx, d.id, proposal, deps.clock.now().toISOString());
}

/**
 * Makes the missing or stale proposals of up to `limit` of an Amt's Posteingang documents, oldest first,
 * and files those its auto-filing rule allows. Returns how many it made and which it filed.
 */
export async function refreshProposals(deps: CoreDeps, amtId: string, limit: number): Promise<{ refreshed: number; filed: string[] }> {
  return deps.store.write(async (tx) => {
    const rows = await tx.all<DocRow>(
      `SELECT d.id, d.uuid, d.amt_id, coalesce(t.body, '') AS body FROM document d ${PROPOSAL_JOINS}
       LEFT JOIN document_text t ON t.document_id = d.id
       WHERE d.status = 'eingang' AND d.amt_id = ? AND ${STALE} ORDER BY d.id LIMIT ?`,
      [amtId, limit],
    );
    const filed: string[] = [];
    for (const d of rows) {
      const proposal = await propose(tx, deps, d);
      if (await autoFileIfAllowed(tx, deps, d, proposal)) filed.push(d.uuid);
    }
    return { refreshed: rows.length, filed };
  });
}

const summary = (documentUuid: string, p: ClassifyProposal): ProposalSummary => ({
  documentUuid, top: p.candidates[0] ?? null, decidedBy: p.decidedBy, needsReview: p.needsReview,
});

/**
 * The top proposals of the given Posteingang documents the caller works on (others are left out); a
 * missing or stale one is made on the spot, so the list never waits for the background. Fresh ones are
 * read without taking the write lock.
 */
export async function proposalSummaries(ctx: CallCtx, uuids: readonly string[]): Promise<ProposalSummary[]> {
  const amter = clerkAmter(ctx.caller);
  if (!uuids.length || !amter.length) return [];
  const vis = documentVisibility(ctx.caller);
  const visible = (q: Queryable) =>
    q.all<DocRow & { proposal: string | null; stale: number }>(
      `SELECT d.id, d.uuid, d.amt_id, coalesce(t.body, '') AS body, p.proposal, ${STALE} AS stale
       FROM document d LEFT JOIN akte a ON a.id = d.akte_id ${PROPOSAL_JOINS} LEFT JOIN document_text t ON t.document_id = d.id
       WHERE d.uuid IN (${uuids.map(() => '?').join(',')}) AND d.status = 'eingang'
         AND d.amt_id IN (${amter.map(() => '?').join(',')}) AND ${vis.sql}`,
      [...uuids, ...amter, ...vis.params],
    );
  const byUuid = new Map<string, ProposalSummary>();
  const rows = await visible(ctx.store.reader);
  for (const r of rows) if (!r.stale && r.proposal) byUuid.set(r.uuid, summary(r.uuid, JSON.parse(r.proposal) as ClassifyProposal));
  if (rows.some((r) => r.stale || !r.proposal)) {
    await ctx.store.write(async (tx) => {
      for (const r of await visible(tx)) {
        byUuid.set(r.uuid, summary(r.uuid, r.stale || !r.proposal ? await propose(tx, ctx, r) : (JSON.parse(r.proposal) as ClassifyProposal)));
      }
    });
  }
  return uuids.flatMap((u) => byUuid.get(u) ?? []);
}

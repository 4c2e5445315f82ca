import { AppError } from '../../contract/app-error';
import type { CoreDeps } from '../../core/records/context';
import type { Queryable, WriteTx } from '../../core/store/db';
import type { Store } from '../../core/store/store';
import {
  learnFromFiling, modelFormatVersion, trainAmtModel, trainAmtModelInBackground, type AmtModel, type AmtModelSpec,
  type TrainingExample,
} from '../model/amt-model';
import { deserializeAmtModel, serializeAmtModel } from '../model/serialize';

/** Filings learned incrementally after which the Amt's model is rebuilt from all its filed documents. */
export const retrainAfterFilings = 25;

export interface StoredModel {
  readonly model: AmtModel;
  readonly trainedAt: string;
  readonly examples: number;
  /** Goes up with every save; a stored proposal made with an older revision is stale. */
  readonly revision: number;
}

// Deserialising allocates the full weight matrices; proposals for a whole Posteingang reuse one copy per
// Amt and revision. Keyed by store, so that several apps in one process never share a model.
const cache = new WeakMap<Store, Map<string, StoredModel>>();
const cacheOf = (store: Store) => {
  let m = cache.get(store);
  if (!m) cache.set(store, (m = new Map()));
  return m;
};

/** What an Amt's model may learn and the filed documents it learns from; nothing of other Ämter. */
async function trainingData(q: Queryable, amtId: string, afterDocumentId = 0): Promise<{ spec: AmtModelSpec; examples: TrainingExample[] }> {
  // leaves only: Akten are filed under leaves, so no document can ever belong to a group
  const plan = await q.all<{ number: string }>(
    `SELECT number FROM aktenplan_entry e WHERE amt_id = ? AND NOT EXISTS (SELECT 1 FROM aktenplan_entry c WHERE c.parent_id = e.id)
     ORDER BY number`,
    [amtId],
  );
  const types = await q.all<{ t: string }>(
    "SELECT DISTINCT coalesce(doc_type, 'Schreiben') AS t FROM document WHERE amt_id = ? ORDER BY t",
    [amtId],
  );
  const rows = await q.all<{ body: string; number: string; doc_type: string | null; sender: string | null }>(
    `SELECT t.body, e.number, d.doc_type, d.sender FROM document d JOIN document_text t ON t.document_id = d.id
     JOIN akte a ON a.id = d.akte_id JOIN aktenplan_entry e ON e.id = a.aktenplan_entry_id
     WHERE d.status = 'abgelegt' AND a.amt_id = ? AND d.id > ? ORDER BY d.id`,
    [amtId, afterDocumentId],
  );
  return {
    spec: { amtId, aktenplanNumbers: plan.map((p) => p.number), documentTypes: [...new Set(['Schreiben', ...types.map((t) => t.t)])] },
    examples: rows.map((r) => ({
      text: r.body, aktenplanNumber: r.number, documentType: r.doc_type ?? 'Schreiben', ...(r.sender ? { sender: r.sender } : {}),
    })),
  };
}

async function saveModel(
  tx: WriteTx, store: Store, amtId: string, model: AmtModel, opts: { trainedAt: string | null; now: string; learned: number },
): Promise<void> {
  cacheOf(store).delete(amtId);
  await tx.run(
    `INSERT INTO classify_model (amt_id, format_version, model, examples, trained_at, updated_at, revision, learned_since_training)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?)
     ON CONFLICT (amt_id) DO UPDATE SET format_version = excluded.format_version, model = excluded.model,
       examples = excluded.examples, trained_at = coalesce(?, classify_model.trained_at), updated_at = excluded.updated_at,
       revision = classify_model.revision + 1, learned_since_training = excluded.learned_since_training`,
    [amtId, modelFormatVersion, Buffer.from(serializeAmtModel(model)), model.examples, opts.trainedAt ?? opts.now, opts.now,
      opts.learned, opts.trainedAt],
  );
}

/** The Amt's current model revision, or null while it has none. */
export async function modelRevision(q: Queryable, amtId: string): Promise<number | null> {
  return (await q.get<{ revision: number }>('SELECT revision FROM classify_model WHERE amt_id = ?', [amtId]))?.revision ?? null;
}

/**
 * The Amt's stored model; trained from its filed documents on first use or when the stored one is
 * unreadable. The returned model is shared: use `learnFiling` to change it.
 */
export async function loadOrTrainModel(deps: CoreDeps, tx: WriteTx, amtId: string): Promise<StoredModel> {
  const row = await tx.get<{ model: Buffer; trained_at: string; examples: number; revision: number }>(
    'SELECT model, trained_at, examples, revision FROM classify_model WHERE amt_id = ?',
    [amtId],
  );
  if (row) {
    const cached = cacheOf(deps.store).get(amtId);
    if (cached?.revision === row.revision) return cached;
    try {
      const stored = { model: deserializeAmtModel(new Uint8Array(row.model), amtId), trainedAt: row.trained_at, examples: row.examples, revision: row.revision };
      cacheOf(deps.store).set(amtId, stored);
      return stored;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      deps.logger.warn('classify.model_reset', { amtId, code: e.code });
    }
  }
  const { spec, examples } = await trainingData(tx, amtId);
  const model = trainAmtModel(spec, examples);
  const now = deps.clock.now().toISOString();
  await saveModel(tx, deps.store, amtId, model, { trainedAt: now, now, learned: 0 });
  deps.logger.info('classify.model_trained', { amtId, examples: examples.length });
  return loadOrTrainModel(deps, tx, amtId);
}

/**
 * Teaches the Amt's model one confirmed or corrected filing without a retrain. A position or document
 * type the model does not know yet makes the next background retrain due instead.
 */
export async function learnFiling(deps: CoreDeps, tx: WriteTx, amtId: string, example: TrainingExample): Promise<void> {
  await loadOrTrainModel(deps, tx, amtId);
  cacheOf(deps.store).delete(amtId); // the copy below is changed; nobody may read it half-way
  const row = (await tx.get<{ model: Buffer; learned_since_training: number }>(
    'SELECT model, learned_since_training FROM classify_model WHERE amt_id = ?',
    [amtId],
  ))!;
  const model = deserializeAmtModel(new Uint8Array(row.model), amtId);
  const now = deps.clock.now().toISOString();
  try {
    learnFromFiling(model, example);
    await saveModel(tx, deps.store, amtId, model, { trainedAt: null, now, learned: row.learned_since_training + 1 });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    await tx.run('UPDATE classify_model SET learned_since_training = ? WHERE amt_id = ?', [retrainAfterFilings, amtId]);
    deps.logger.info('classify.retrain_due', { amtId, code: e.code });
  }
}

/** Ämter whose model has learned enough filings since its last full training to be rebuilt. */
export async function amterDueForRetrain(q: Queryable): Promise<string[]> {
  const rows = await q.all<{ amt_id: string }>(
    'SELECT amt_id FROM classify_model WHERE learned_since_training >= ? ORDER BY amt_id',
    [retrainAfterFilings],
  );
  return rows.map((r) => r.amt_id);
}

/**
 * Rebuilds an Amt's model from all its filed documents as an idle job: the documents are read from the
 * reader (no write lock), training yields to the event loop, and only the save takes the write lock.
 * Filings learned while it ran are learned again on top, so none is lost.
 */
export async function retrainAmt(deps: CoreDeps, amtId: string): Promise<{ examples: number; trainedAt: string }> {
  const lastDocument = (await deps.store.reader.get<{ id: number | null }>('SELECT max(id) AS id FROM document'))?.id ?? 0;
  const lastOutcome = (await deps.store.reader.get<{ id: number | null }>('SELECT max(id) AS id FROM classify_outcome WHERE amt_id = ?', [amtId]))?.id ?? 0;
  const { spec, examples } = await trainingData(deps.store.reader, amtId);
  const model = await trainAmtModelInBackground(spec, examples);
  const trainedAt = deps.clock.now().toISOString();
  await deps.store.write(async (tx) => {
    // filings since the read: documents filed by a clerk (outcomes) or created filed, learned on top
    const since = await tx.all<{ body: string; number: string; doc_type: string | null }>(
      `SELECT t.body, e.number, d.doc_type FROM document d JOIN document_text t ON t.document_id = d.id
       JOIN akte a ON a.id = d.akte_id JOIN aktenplan_entry e ON e.id = a.aktenplan_entry_id
       WHERE d.status = 'abgelegt' AND a.amt_id = ?
         AND (d.id > ? OR d.uuid IN (SELECT document_uuid FROM classify_outcome WHERE amt_id = ? AND id > ?))`,
      [amtId, lastDocument, amtId, lastOutcome],
    );
    let learned = 0;
    for (const s of since) {
      try {
        learnFromFiling(model, { text: s.body, aktenplanNumber: s.number, documentType: s.doc_type ?? 'Schreiben' });
        learned++;
      } catch (e) {
        if (!(e instanceof AppError)) throw e; // a position created meanwhile: the next retrain has it
      }
    }
    await saveModel(tx, deps.store, amtId, model, { trainedAt, now: trainedAt, learned });
  });
  deps.logger.info('classify.retrained', { amtId, examples: model.examples });
  return { examples: model.examples, trainedAt };
}

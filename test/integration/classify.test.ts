import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDemoApp, type DemoApp } from '../helpers/demo-app';

let demo: DemoApp;
beforeEach(async () => {
  demo = await openDemoApp();
});
afterEach(async () => {
  await demo.close();
});

const q = () => demo.app.deps.store.reader;

async function incoming(amtId: string) {
  return q().all<{ uuid: string; body: string }>(
    `SELECT d.uuid, t.body FROM document d JOIN document_text t ON t.document_id = d.id WHERE d.status = 'eingang' AND d.amt_id = ?`,
    [amtId],
  );
}

describe('classification on the demo data', () => {
  it('proposes the Akte of the Kassenzeichen for the incoming Amt-21 letter, with the reference as reason', async () => {
    const [letter] = await incoming('21');
    expect(letter).toBeDefined();
    const kz = /Kassenzeichen (\d{3}-\d{4}-\d{6})/.exec(letter!.body)![1]!;
    const expected = await q().get<{ uuid: string; aktenzeichen: string }>(
      `SELECT a.uuid, a.aktenzeichen FROM record_reference r JOIN akte a ON a.id = r.akte_id WHERE r.type = 'kassenzeichen' AND r.value = ?`,
      [kz],
    );
    const sb21 = await demo.login('sb21');
    const p = await sb21.ok('classify.proposal', { uuid: letter!.uuid });
    expect(p.amtId).toBe('21');
    expect(p.candidates[0]).toMatchObject({ kind: 'akte', akteUuid: expected!.uuid, aktenzeichen: expected!.aktenzeichen });
    expect(p.candidates[0]!.reasons).toContainEqual(expect.objectContaining({ kind: 'reference', type: 'kassenzeichen', value: kz }));
    const ref = p.references.find((r) => r.type === 'kassenzeichen')!;
    expect(letter!.body.slice(ref.start, ref.end)).toBe(kz);
    expect(p.candidates.length).toBeGreaterThanOrEqual(1);
    expect(p.candidates.length).toBeLessThanOrEqual(3);
    expect(p.needsReview).toBe(false);
    // nothing is auto-filed until the Amt's outcomes prove it
    expect(p.autoFiling).toMatchObject({ enabled: false, reason: 'not_enough_history', outcomes: 0 });
    expect(p.autoFile).toBe(false);
    // the model was bootstrapped from Amt 21's filed documents and the proposal stored
    const model = await q().get<{ examples: number }>("SELECT examples FROM classify_model WHERE amt_id = '21'");
    expect(model!.examples).toBeGreaterThan(10);
    expect(await q().get("SELECT 1 AS x FROM classify_model WHERE amt_id <> '21'")).toBeUndefined();
    const stored = await q().get<{ proposal: string }>('SELECT proposal FROM classify_proposal');
    expect(JSON.parse(stored!.proposal).candidates[0].akteUuid).toBe(expected!.uuid);

    // accepting files it there and records a correct outcome for the Amt (no person in the row)
    const done = await sb21.ok('classify.accept', { uuid: letter!.uuid });
    expect(done.correct).toBe(true);
    const doc = await sb21.ok('documents.get', { uuid: letter!.uuid });
    expect(doc).toMatchObject({ status: 'abgelegt', akteUuid: expected!.uuid });
    const cols = await q().all<{ name: string }>("SELECT name FROM pragma_table_info('classify_outcome')");
    expect(cols.map((c) => c.name).some((n) => /user|by_/.test(n) && n !== 'decided_by')).toBe(false);
    expect(await q().get("SELECT amt_id, correct FROM classify_outcome")).toEqual({ amt_id: '21', correct: 1 });
  });

  it('gives a letter without reference a top-3 of the right Amt, and a correction changes the next similar proposal', async () => {
    const sb32 = await demo.login('sb32');
    const text = 'Verpflichtungserklärung nach § 68 AufenthG. Für die eingeladene Person liegt eine Verpflichtungserklärung vor, die wir zur weiteren Bearbeitung übersenden.';
    const before = await sb32.ok('classify.text', { text });
    expect(before.references.filter((r) => ['azrNummer', 'kassenzeichen', 'aktenzeichen'].includes(r.type))).toEqual([]);
    expect(before.candidates.length).toBeGreaterThanOrEqual(2); // Amt 32 has files under two positions
    for (const c of before.candidates) {
      expect(c.kind).toBe('aktenplan');
      expect(c.aktenplanNumber.startsWith('32.')).toBe(true);
      expect(c.reasons.length).toBeGreaterThan(0);
    }
    expect(before.candidates[0]!.aktenplanNumber).toBe('32.10.02'); // Aufenthalt: where such letters are filed
    // the clerk files the incoming Verpflichtungserklärung into an Akte of the other position instead
    const [letter] = await incoming('32');
    const other = await q().get<{ vorgang: string; number: string }>(
      `SELECT v.uuid AS vorgang, e.number FROM vorgang v JOIN akte a ON a.id = v.akte_id JOIN aktenplan_entry e ON e.id = a.aktenplan_entry_id
       WHERE a.amt_id = '32' AND a.status = 'open' AND e.number <> '32.10.02' ORDER BY v.id LIMIT 1`,
    );
    expect(other).toBeDefined();
    const conf = (p: typeof before) => p.candidates.find((c) => c.aktenplanNumber === other!.number)?.confidence ?? 0;
    const done = await sb32.ok('classify.accept', { uuid: letter!.uuid, vorgangUuid: other!.vorgang });
    expect(done.correct).toBe(false);
    expect(await q().get("SELECT correct FROM classify_outcome WHERE amt_id = '32'")).toEqual({ correct: 0 });
    const after = await sb32.ok('classify.text', { text });
    expect(conf(after)).toBeGreaterThan(conf(before));
    // a full retrain from the filed documents includes the corrected one
    const retrained = await sb32.ok('classify.retrain', {});
    expect(retrained.amtId).toBe('32');
    expect(retrained.examples).toBeGreaterThan(10);
  });

  it('an Amt-32 clerk can neither see nor get proposals for Amt-21 documents', async () => {
    const [letter] = await incoming('21');
    const sb32 = await demo.login('sb32');
    const got = await sb32.call('documents.get', { uuid: letter!.uuid });
    expect(got.ok).toBe(false);
    const p = await sb32.call('classify.proposal', { uuid: letter!.uuid });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error.code).toBe('records.not_found');
    const a = await sb32.call('classify.accept', { uuid: letter!.uuid });
    expect(a.ok).toBe(false);
    const r = await sb32.call('classify.retrain', { amtId: '21' });
    expect(r.ok).toBe(false);
    // an Amt-21 Kassenzeichen in Amt 32's text proposes no Amt-21 Akte, and flags the foreign match
    const kz = /Kassenzeichen (\d{3}-\d{4}-\d{6})/.exec(letter!.body)![1]!;
    const t = await sb32.ok('classify.text', { text: `Betreff: Kassenzeichen ${kz}` });
    expect(t.amtId).toBe('32');
    expect(t.candidates.every((c) => c.kind === 'aktenplan' && c.aktenplanNumber.startsWith('32.'))).toBe(true);
    expect(t.needsReview).toBe(true);
    expect(t.autoFile).toBe(false);
  });
  it('auto-files only in an Amt whose own stored outcomes prove it', async () => {
    await demo.app.deps.store.write(async (tx) => {
      for (let i = 0; i < 250; i++) {
        await tx.run(
          `INSERT INTO classify_outcome (amt_id, document_uuid, decided_by, proposed_label, chosen_label, confidence, correct, recorded_at)
           VALUES ('21', ?, 'reference', 'x', 'x', 0.99, 1, '2026-11-01T00:00:00Z')`,
          [`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`],
        );
      }
    });
    const [letter] = await incoming('21');
    const sb21 = await demo.login('sb21');
    const p = await sb21.ok('classify.proposal', { uuid: letter!.uuid });
    expect(p.autoFiling).toMatchObject({ enabled: true, reason: 'proven', outcomes: 250 });
    expect(p.autoFile).toBe(true);
    // Amt 32 has no history of its own: the other Amt's outcomes do not count there
    const sb32 = await demo.login('sb32');
    const [l32] = await incoming('32');
    const p32 = await sb32.ok('classify.proposal', { uuid: l32!.uuid });
    expect(p32.autoFiling).toMatchObject({ enabled: false, outcomes: 0 });
    expect(p32.autoFile).toBe(false);
  });
});

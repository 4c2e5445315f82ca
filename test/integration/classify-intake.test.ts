import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClassifyBackground, type ClassifyBackground } from '../../classify/app/background';
import { retrainAfterFilings } from '../../classify/app/model-store';
import { renderLetterPdf } from '../../fixtures/demo/letter-pdf';
import { createIntakeService, createRealTools, defaultOcrSettings, registerIntakeService, type IntakeService } from '../../ocr';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

// Documents arrive through the real intake (text-layer PDFs, so no OCR is needed) and the background
// wired as the app wires it; nothing here calls the proposal code directly.
let demo: DemoApp;
let service: IntakeService;
let background: ClassifyBackground;
let post: DemoSession;
let sb21: DemoSession;
let dir: ReturnType<typeof tempDir>;
let letterNo = 0;

beforeAll(async () => {
  demo = await openDemoApp();
  service = createIntakeService(demo.app.deps, await createRealTools(defaultOcrSettings, demo.app.logger), defaultOcrSettings);
  registerIntakeService(demo.app.store, service);
  await service.queue.start();
  background = startClassifyBackground(demo.app.deps, { sweepAtStart: false, react: true });
  post = await demo.login('poststelle');
  sb21 = await demo.login('sb21');
  dir = tempDir('eakte-classify-intake-');
}, 600_000);
afterAll(async () => {
  await background?.stop();
  await service?.close();
  await demo?.close();
  dir?.remove();
});

const q = () => demo.app.store.reader;

/** Takes in a letter for an Amt as the post room does and waits until the background has dealt with it. */
async function takeIn(amtId: string, subject: string, paragraphs: string[]): Promise<string> {
  const file = join(dir.path, `brief-${++letterNo}.pdf`);
  writeFileSync(file, await renderLetterPdf({
    docType: 'Schreiben', title: subject, sender: `Absender ${letterNo}`, recipient: 'Stadt Musterstadt', date: '2026-11-20', subject, paragraphs,
  }));
  const { batches } = await post.ok('intake.start', { paths: [file], amtId });
  await service.queue.idle();
  const job = await post.ok('intake.getJob', { uuid: batches[0]!.uuid });
  const uuid = job.children[0]?.result?.documentUuid ?? job.result?.documentUuid;
  if (!uuid) throw new Error(`intake of ${file} made no document`);
  await expect.poll(async () => {
    await background.idle();
    return q().get('SELECT 1 AS x FROM classify_proposal p JOIN document d ON d.id = p.document_id WHERE d.uuid = ?', [uuid]);
  }).toBeDefined();
  await background.idle();
  return uuid;
}

async function openAkteWithKassenzeichen(amtId: string) {
  return (await q().get<{ akte: string; vorgang: string; value: string; aktenzeichen: string }>(
    `SELECT a.uuid AS akte, (SELECT uuid FROM vorgang WHERE akte_id = a.id ORDER BY running_no DESC LIMIT 1) AS vorgang,
       r.value, a.aktenzeichen
     FROM record_reference r JOIN akte a ON a.id = r.akte_id
     WHERE r.type = 'kassenzeichen' AND a.amt_id = ? AND a.status = 'open' ORDER BY a.id DESC LIMIT 1`,
    [amtId],
  ))!;
}

const statusOf = async (uuid: string) =>
  (await q().get<{ status: string; vorgang: string | null }>(
    'SELECT d.status, v.uuid AS vorgang FROM document d LEFT JOIN vorgang v ON v.id = d.vorgang_id WHERE d.uuid = ?',
    [uuid],
  ))!;

describe('proposals at intake time', () => {
  it('stores the proposal of a letter as it lands in the Posteingang; the list shows it without making it again', async () => {
    const target = await openAkteWithKassenzeichen('21');
    const uuid = await takeIn('21', `Widerspruch zu Kassenzeichen ${target.value}`, [
      `Gegen die Mahnung zum Kassenzeichen ${target.value} lege ich Widerspruch ein.`,
    ]);
    const stored = await q().get<{ proposal: string; model_revision: number; created_at: string }>(
      'SELECT p.proposal, p.model_revision, p.created_at FROM classify_proposal p JOIN document d ON d.id = p.document_id WHERE d.uuid = ?',
      [uuid],
    );
    const proposal = JSON.parse(stored!.proposal) as { candidates: { akteUuid: string; reasons: { type?: string; value?: string }[] }[] };
    expect(proposal.candidates[0]!.akteUuid).toBe(target.akte);
    expect(proposal.candidates[0]!.reasons).toContainEqual(expect.objectContaining({ type: 'kassenzeichen', value: target.value }));
    const revision = await q().get<{ revision: number }>("SELECT revision FROM classify_model WHERE amt_id = '21'");
    expect(stored!.model_revision).toBe(revision!.revision);

    const [summary] = await sb21.ok('classify.proposals', { uuids: [uuid] });
    expect(summary).toMatchObject({ documentUuid: uuid, decidedBy: 'reference', needsReview: false, top: { akteUuid: target.akte } });
    // served from the store: the row was not written again
    const after = await q().get<{ created_at: string; model_revision: number }>(
      'SELECT p.created_at, p.model_revision FROM classify_proposal p JOIN document d ON d.id = p.document_id WHERE d.uuid = ?',
      [uuid],
    );
    expect(after).toEqual({ created_at: stored!.created_at, model_revision: stored!.model_revision });
    // the Amt's first model was trained as an idle job, never inside a request or the sweep's transaction
    expect(demo.logLines.filter((l) => l.includes('classify.retrained') && l.includes('"amtId":"21"'))).toHaveLength(1);
    expect(demo.logLines.some((l) => l.includes('classify.model_trained'))).toBe(false);
    // nothing was filed: Amt 21 has no proven history yet
    expect((await statusOf(uuid)).status).toBe('eingang');
    // another Amt's clerk gets nothing for it
    const sb32 = await demo.login('sb32');
    expect(await sb32.ok('classify.proposals', { uuids: [uuid] })).toEqual([]);
  }, 600_000);
});

describe('automatic filing', () => {
  it('files a Kassenzeichen letter once the Amt has proven itself, undoes it in one step, and never files a reference of two Ämter', async () => {
    // the Amt's own history: 250 confirmed proposals at high confidence (as the clerks' accepts record them)
    await demo.app.store.write(async (tx) => {
      for (let i = 0; i < 250; i++) {
        await tx.run(
          `INSERT INTO classify_outcome (amt_id, document_uuid, decided_by, proposed_label, chosen_label, confidence, correct, recorded_at)
           VALUES ('21', ?, 'reference', 'x', 'x', 0.99, 1, '2026-11-01T00:00:00Z')`,
          [`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`],
        );
      }
    });
    const target = await openAkteWithKassenzeichen('21');
    const uuid = await takeIn('21', `Zahlungsnachweis Kassenzeichen ${target.value}`, [
      `Anbei der Nachweis der Zahlung zum Kassenzeichen ${target.value}.`,
    ]);
    expect(await statusOf(uuid)).toEqual({ status: 'abgelegt', vorgang: target.vorgang });
    const audit = await q().all<{ actor: string; action: string }>(
      'SELECT actor, action FROM audit_event WHERE object_uuid = ? ORDER BY seq',
      [uuid],
    );
    expect(audit.map((a) => `${a.actor}:${a.action}`)).toEqual(['poststelle:document.create', 'automatische-ablage:document.file']);
    const listed = await sb21.ok('classify.autoFiled', {});
    expect(listed.amter).toEqual([{ amtId: '21', autoFiling: expect.objectContaining({ enabled: true, reason: 'proven' }) }]);
    const item = listed.items.find((i) => i.documentUuid === uuid)!;
    expect(item).toMatchObject({ akteUuid: target.akte, vorgangUuid: target.vorgang, aktenzeichen: expect.any(String) });
    expect(item.reasons).toContainEqual(expect.objectContaining({ kind: 'reference', type: 'kassenzeichen', value: target.value }));
    // Amt 32 neither sees the filing nor is its own auto-filing switched on by Amt 21's history
    const sb32 = await demo.login('sb32');
    const other = await sb32.ok('classify.autoFiled', {});
    expect(other.items).toEqual([]);
    expect(other.amter).toEqual([{ amtId: '32', autoFiling: expect.objectContaining({ enabled: false }) }]);
    expect((await sb32.call('classify.undoAutoFiling', { uuid })).ok).toBe(false);

    // one step back: Posteingang again, audited as the clerk, counted as a wrong proposal, not filed again
    const outcomesBefore = (await q().get<{ n: number }>("SELECT count(*) AS n FROM classify_outcome WHERE amt_id = '21' AND correct = 0"))!.n;
    const undone = await sb21.ok('classify.undoAutoFiling', { uuid });
    expect(undone.documentUuid).toBe(uuid);
    await background.idle();
    expect(await statusOf(uuid)).toEqual({ status: 'eingang', vorgang: null });
    const last = await q().get<{ actor: string; action: string }>('SELECT actor, action FROM audit_event WHERE object_uuid = ? ORDER BY seq DESC LIMIT 1', [uuid]);
    expect(last).toEqual({ actor: 'sb21', action: 'document.unfile' });
    const outbox = await q().all<{ op: string; payload: string }>('SELECT op, payload FROM outbox WHERE object_uuid = ? ORDER BY id', [uuid]);
    expect(outbox.map((o) => o.op)).toEqual(['document.create', 'document.move', 'document.move']);
    expect(JSON.parse(outbox[2]!.payload)).toEqual({ uuid, vorgangUuid: null });
    expect((await q().get<{ n: number }>("SELECT count(*) AS n FROM classify_outcome WHERE amt_id = '21' AND correct = 0"))!.n).toBe(outcomesBefore + 1);
    expect((await sb21.ok('classify.autoFiled', {})).items.map((i) => i.documentUuid)).not.toContain(uuid);
    const again = await sb21.call('classify.undoAutoFiling', { uuid });
    expect(again.ok ? null : again.error.code).toBe('classify.not_auto_filed');

    // the same Kassenzeichen now also belongs to an Amt-32 file: proposed for review, never filed automatically
    const foreign = (await q().get<{ id: number }>("SELECT id FROM akte WHERE amt_id = '32' AND status = 'open' LIMIT 1"))!;
    await demo.app.store.write((tx) => tx.run("INSERT INTO record_reference (akte_id, type, value) VALUES (?, 'kassenzeichen', ?)", [foreign.id, target.value]));
    const shared = await takeIn('21', `Nachfrage Kassenzeichen ${target.value}`, [`Zum Kassenzeichen ${target.value} bitte ich um Auskunft.`]);
    expect((await statusOf(shared)).status).toBe('eingang');
    const [s] = await sb21.ok('classify.proposals', { uuids: [shared] });
    expect(s!.needsReview).toBe(true);
  }, 600_000);
});

describe('learning', () => {
  it('a correction makes the stored proposal of a similar Posteingang letter change, without a retrain', async () => {
    const sb32 = await demo.login('sb32');
    const text = ['Wir übersenden die Meldebescheinigung und den Nachweis über ausreichenden Wohnraum für die Familienzusammenführung.'];
    const first = await takeIn('32', 'Wohnraumnachweis Familiennachzug', text);
    const second = await takeIn('32', 'Wohnraumnachweis Familiennachzug (Nachreichung)', text);
    const [before] = await sb32.ok('classify.proposals', { uuids: [second] });
    expect(before!.top?.kind).toBe('aktenplan');
    const other = (await q().get<{ vorgang: string; number: string }>(
      `SELECT v.uuid AS vorgang, e.number FROM vorgang v JOIN akte a ON a.id = v.akte_id JOIN aktenplan_entry e ON e.id = a.aktenplan_entry_id
       WHERE a.amt_id = '32' AND a.status = 'open' AND e.number <> ? ORDER BY v.id LIMIT 1`,
      [before!.top!.aktenplanNumber],
    ))!;
    const trainedAt = await q().get("SELECT trained_at, learned_since_training FROM classify_model WHERE amt_id = '32'");
    const done = await sb32.ok('classify.accept', { uuid: first, vorgangUuid: other.vorgang });
    expect(done.correct).toBe(false);
    await background.idle();
    // the background re-made the stale proposal with the taught model
    const [after] = await sb32.ok('classify.proposals', { uuids: [second] });
    expect(after!.top!.aktenplanNumber).toBe(other.number);
    const model = await q().get<{ trained_at: string; learned_since_training: number }>(
      "SELECT trained_at, learned_since_training FROM classify_model WHERE amt_id = '32'",
    );
    expect(model).toEqual({ ...(trainedAt as object), learned_since_training: 1 });
  }, 600_000);

  // that the training yields to the event loop is shown in classify/model/amt-model.test.ts
  it('retrains in the background once enough filings were learned', async () => {
    const before = (await q().get<{ revision: number; trained_at: string }>("SELECT revision, trained_at FROM classify_model WHERE amt_id = '21'"))!;
    // as if the Amt's clerks had confirmed or corrected that many filings since the last full training
    await demo.app.store.write((tx) =>
      tx.run("UPDATE classify_model SET learned_since_training = ? WHERE amt_id = '21'", [retrainAfterFilings]),
    );
    const retrained = () => demo.logLines.filter((l) => l.includes('classify.retrained')).length;
    const retrainsBefore = retrained();
    background.kick();
    await background.idle();
    expect(retrained()).toBe(retrainsBefore + 1);
    const model = await q().get<{ revision: number; learned_since_training: number }>(
      "SELECT revision, learned_since_training FROM classify_model WHERE amt_id = '21'",
    );
    expect(model!.revision).toBeGreaterThan(before.revision);
    expect(model!.learned_since_training).toBe(0);
    // the Posteingang proposals made with the old model were made again
    const stale = await q().get<{ n: number }>(
      `SELECT count(*) AS n FROM document d JOIN classify_proposal p ON p.document_id = d.id
       WHERE d.status = 'eingang' AND d.amt_id = '21' AND p.model_revision <> ?`,
      [model!.revision],
    );
    expect(stale!.n).toBe(0);
  }, 600_000);
});

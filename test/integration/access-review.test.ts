import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../../core/records/users';
import { saveUpload } from '../../core/store/uploads';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';

/**
 * Security review of the methods added since 4a6d9aa: permissions, Amt scoping ("not found", never
 * "denied"), audit entries of record changes, and the browser-mode upload ids.
 */
describe('access review of the case work, signing, classify and upload methods', () => {
  let demo: DemoApp;
  let sb21: DemoSession;
  let sb32: DemoSession;
  let archiv: DemoSession;
  let admin: DemoSession;
  let poststelle: DemoSession;
  /** An Amt 21 document filed in an open Akte, with its Akte, Vorgang and newest version. */
  let doc21: { uuid: string; akteUuid: string; vorgangUuid: string; versionUuid: string };
  /** An Amt 21 document still in the Posteingang. */
  let incoming21: string;
  /** A Vorgang of an open Amt 32 Akte. */
  let vorgang32: string;

  beforeAll(async () => {
    demo = await openDemoApp();
    await demo.app.store.write((tx) =>
      insertUser(tx, { uuid: '6a1f0a52-3c1d-4b7e-8f0a-2b3c4d5e6f70', username: 'sb21b', displayName: 'Prüf Kollegin (Amt 21)', grants: [{ role: 'sachbearbeitung', amtId: '21' }] }, new Date()),
    );
    await demo.app.store.write((tx) =>
      insertUser(tx, { uuid: '6a1f0a52-3c1d-4b7e-8f0a-2b3c4d5e6f71', username: 'poststelle2', displayName: 'Zweite Poststelle', grants: [{ role: 'poststelle', amtId: null }] }, new Date()),
    );
    sb21 = await demo.login('sb21');
    sb32 = await demo.login('sb32');
    archiv = await demo.login('archiv');
    admin = await demo.login('admin');
    poststelle = await demo.login('poststelle');
    const akte = (await sb21.ok('akten.list', { status: 'open', limit: 50 })).items.find((a) => a.documentCount > 0)!;
    const d = (await sb21.ok('documents.list', { akteUuid: akte.uuid, limit: 1 })).items[0]!;
    const detail = await sb21.ok('documents.get', { uuid: d.uuid });
    doc21 = { uuid: d.uuid, akteUuid: akte.uuid, vorgangUuid: detail.vorgangUuid!, versionUuid: detail.versions.at(-1)!.uuid };
    incoming21 = (await sb21.ok('posteingang.list', {})).items[0]!.uuid;
    const a32 = (await sb32.ok('akten.list', { status: 'open', limit: 1 })).items[0]!;
    vorgang32 = (await sb32.ok('akten.get', { uuid: a32.uuid })).vorgaenge[0]!.uuid;
  });
  afterAll(() => demo.close());

  const code = async (p: Promise<{ code: string }>) => (await p).code;

  it('a clerk of Amt 32 gets "not found" for every new method on an Amt 21 document, Akte or Vorgang', async () => {
    const notFound = 'records.not_found';
    expect(await code(sb32.fails('documents.move', { uuid: doc21.uuid, vorgangUuid: vorgang32 }))).toBe(notFound);
    expect(await code(sb32.fails('vermerke.create', { vorgangUuid: doc21.vorgangUuid, title: 'x', text: 'y' }))).toBe(notFound);
    expect(await code(sb32.fails('akteneinsicht.export', { akteUuid: doc21.akteUuid }))).toBe(notFound);
    expect(await code(sb32.fails('signatures.list', { documentUuid: doc21.uuid }))).toBe(notFound);
    expect(await code(sb32.fails('signatures.verify', { versionUuid: doc21.versionUuid }))).toBe(notFound);
    expect(
      await code(sb32.fails('signatures.sign', { versionUuid: doc21.versionUuid, key: { kind: 'pkcs12', fileBase64: 'AAAA', password: 'x' } })),
    ).toBe(notFound);
    expect(await code(sb32.fails('documents.locateHits', { versionUuid: doc21.versionUuid, q: 'a' }))).toBe(notFound);
    expect(await code(sb32.fails('documents.update', { uuid: doc21.uuid, title: 'Übernommen' }))).toBe(notFound);
    expect(await code(sb32.fails('documents.delete', { uuid: doc21.uuid }))).toBe(notFound);
    expect(await code(sb32.fails('akten.setLegalHold', { uuid: doc21.akteUuid, reason: 'Prüfung' }))).toBe(notFound);
    expect(await code(sb32.fails('akten.liftLegalHold', { uuid: doc21.akteUuid, reason: 'Prüfung' }))).toBe(notFound);
    const colleague = (await sb21.ok('colleagues.list', {}))[0]!;
    expect(await code(sb32.fails('mitzeichnungen.request', { documentUuid: doc21.uuid, addresseeUuid: colleague.uuid }))).toBe(notFound);
    expect(await code(sb32.fails('classify.proposal', { uuid: incoming21 }))).toBe(notFound);
    expect(await code(sb32.fails('classify.undoAutoFiling', { uuid: doc21.uuid }))).toBe(notFound);
    // Lists leave the foreign objects out instead of refusing.
    expect(await sb32.ok('classify.proposals', { uuids: [incoming21] })).toEqual([]);
    expect(await sb32.ok('sync.objectStates', { uuids: [doc21.uuid, doc21.akteUuid] })).toEqual([]);
    expect((await sb21.ok('sync.objectStates', { uuids: [doc21.uuid] })).map((s) => s.uuid)).toEqual([doc21.uuid]);
    // Nothing changed on the way: the document still belongs where it was.
    expect((await sb21.ok('documents.get', { uuid: doc21.uuid })).vorgangUuid).toBe(doc21.vorgangUuid);
    expect((await sb21.ok('audit.forObject', { uuid: doc21.uuid })).map((e) => e.actor)).not.toContain('sb32');
  });

  it('Mitzeichnungen of an Amt 21 document are invisible to Amt 32 and only the addressee decides', async () => {
    const colleague = (await sb21.ok('colleagues.list', {})).find((c) => c.displayName.startsWith('Prüf'))!;
    expect((await sb32.ok('colleagues.list', {})).map((c) => c.uuid)).not.toContain(colleague.uuid);
    const m = await sb21.ok('mitzeichnungen.request', { documentUuid: doc21.uuid, addresseeUuid: colleague.uuid, note: 'Bitte prüfen' });
    expect((await sb21.ok('audit.forObject', { uuid: doc21.uuid })).at(-1)).toMatchObject({ action: 'mitzeichnung.request', actor: 'sb21' });
    expect(await sb21.ok('mitzeichnungen.list', { scope: 'document', documentUuid: doc21.uuid })).toHaveLength(1);
    expect(await sb32.ok('mitzeichnungen.list', { scope: 'document', documentUuid: doc21.uuid })).toEqual([]);
    expect(await archiv.ok('mitzeichnungen.list', { scope: 'document', documentUuid: doc21.uuid })).toEqual([]);
    expect(await code(sb32.fails('mitzeichnungen.decide', { uuid: m.uuid, decision: 'mitgezeichnet' }))).toBe('records.not_found');
    // The requester is not the addressee either.
    expect(await code(sb21.fails('mitzeichnungen.decide', { uuid: m.uuid, decision: 'mitgezeichnet' }))).toBe('records.not_found');
    // No Amt 32 colleague can be the addressee of an Amt 21 request.
    const sb32Uuid = (await demo.app.store.reader.get<{ uuid: string }>("SELECT uuid FROM app_user WHERE username = 'sb32'"))!.uuid;
    expect(await code(sb21.fails('mitzeichnungen.request', { documentUuid: doc21.uuid, addresseeUuid: sb32Uuid }))).toBe('workspace.not_colleague');
  });

  it('a Mitzeichnung on a letter the post room then hands to another Amt can no longer be seen or decided by Amt 21', async () => {
    const letter = (await poststelle.ok('posteingang.list', { limit: 100 })).items.find((d) => d.amtId !== '21')!;
    await poststelle.ok('posteingang.assignAmt', { uuid: letter.uuid, amtId: '21' });
    const colleague = (await sb21.ok('colleagues.list', {})).find((c) => c.displayName.startsWith('Prüf'))!;
    const m = await sb21.ok('mitzeichnungen.request', { documentUuid: letter.uuid, addresseeUuid: colleague.uuid });
    const sb21b = await demo.login('sb21b');
    expect((await sb21b.ok('mitzeichnungen.list', { scope: 'mine' })).map((x) => x.uuid)).toContain(m.uuid);
    await poststelle.ok('posteingang.assignAmt', { uuid: letter.uuid, amtId: '30' });
    expect((await sb21b.ok('mitzeichnungen.list', { scope: 'mine' })).map((x) => x.uuid)).not.toContain(m.uuid);
    // Deciding would change (and return the title of) a document Amt 21 no longer sees.
    expect(await code(sb21b.fails('mitzeichnungen.decide', { uuid: m.uuid, decision: 'mitgezeichnet' }))).toBe('records.not_found');
    const sb30 = await demo.login('sb30');
    expect((await sb30.ok('audit.forObject', { uuid: letter.uuid })).map((e) => e.actor)).not.toContain('sb21b');
    // Amt 21's internal request (who asked whom, the note) does not travel with the letter to Amt 30.
    expect(await sb30.ok('mitzeichnungen.list', { scope: 'document', documentUuid: letter.uuid })).toEqual([]);
  });

  it('the archive reads only zdA Akten and changes no record; the admin and the post room read no case content', async () => {
    expect(await code(archiv.fails('signatures.list', { documentUuid: doc21.uuid }))).toBe('records.not_found');
    expect(await code(archiv.fails('akteneinsicht.export', { akteUuid: doc21.akteUuid }))).toBe('records.not_found');
    expect(await code(archiv.fails('documents.locateHits', { versionUuid: doc21.versionUuid, q: 'a' }))).toBe('records.not_found');
    for (const s of [archiv, admin, poststelle]) {
      expect(await code(s.fails('documents.update', { uuid: doc21.uuid, title: 'x' }))).toBe('access.denied');
      expect(await code(s.fails('documents.delete', { uuid: doc21.uuid }))).toBe('access.denied');
      expect(await code(s.fails('vermerke.create', { vorgangUuid: doc21.vorgangUuid, title: 'x', text: 'y' }))).toBe('access.denied');
      expect(await code(s.fails('akten.setLegalHold', { uuid: doc21.akteUuid, reason: 'x' }))).toBe('access.denied');
      expect(await code(s.fails('signatures.upgradeTimestamps', {}))).toBe('access.denied');
      expect(await code(s.fails('classify.undoAutoFiling', { uuid: doc21.uuid }))).toBe('access.denied');
    }
    for (const s of [admin, poststelle]) {
      expect(await code(s.fails('signatures.verify', { versionUuid: doc21.versionUuid }))).toBe('access.denied');
      expect(await code(s.fails('akteneinsicht.export', { akteUuid: doc21.akteUuid }))).toBe('access.denied');
      expect(await code(s.fails('mitzeichnungen.list', { scope: 'mine' }))).toBe('access.denied');
      expect(await code(s.fails('classify.proposals', { uuids: [incoming21] }))).toBe('access.denied');
    }
    // Clerks never reach the archive's register nor the admin's identity page.
    expect(await code(sb21.fails('archiv.list', {}))).toBe('access.denied');
    expect(await code(sb21.fails('admin.identityMapping', {}))).toBe('access.denied');
    expect(await code(archiv.fails('admin.identityMapping', {}))).toBe('access.denied');
  });

  it('a zdA Akte is read-only for its own Amt and readable (not changeable) for the archive', async () => {
    const closed = (await sb21.ok('akten.list', { status: 'zda', limit: 50 })).items.find((a) => a.documentCount > 0)!;
    const doc = (await sb21.ok('documents.list', { akteUuid: closed.uuid, limit: 1 })).items[0]!;
    const detail = await archiv.ok('documents.get', { uuid: doc.uuid });
    const vorgang = detail.vorgangUuid!;
    expect(await code(sb21.fails('documents.update', { uuid: doc.uuid, title: 'nachträglich' }))).toBe('records.akte_closed');
    expect(await code(sb21.fails('documents.delete', { uuid: doc.uuid }))).toBe('records.akte_closed');
    expect(await code(sb21.fails('vermerke.create', { vorgangUuid: vorgang, title: 'x', text: 'y' }))).toBe('records.akte_closed');
    expect(await code(sb21.fails('documents.move', { uuid: doc.uuid, vorgangUuid: doc21.vorgangUuid }))).toBe('records.akte_closed');
    // The archive reads it, and its check of the signatures is audited under its name.
    expect((await archiv.ok('signatures.list', { documentUuid: doc.uuid })).length).toBe(detail.versions.length);
    await archiv.ok('signatures.verify', { versionUuid: detail.versions.at(-1)!.uuid });
    expect((await archiv.ok('audit.forObject', { uuid: doc.uuid })).at(-1)).toMatchObject({ action: 'document.verify_signatures', actor: 'archiv' });
    // Amt 32 does not learn it exists.
    expect(await code(sb32.fails('signatures.list', { documentUuid: doc.uuid }))).toBe('records.not_found');
    expect(await code(sb32.fails('akteneinsicht.export', { akteUuid: closed.uuid }))).toBe('records.not_found');
  });

  it('the post room hands over only incoming mail, audited; clerks cannot re-route', async () => {
    expect(await code(poststelle.fails('posteingang.assignAmt', { uuid: doc21.uuid, amtId: '32' }))).toBe('records.not_found');
    expect(await code(sb21.fails('posteingang.assignAmt', { uuid: incoming21, amtId: '32' }))).toBe('access.denied');
    const moved = await poststelle.ok('posteingang.assignAmt', { uuid: incoming21, amtId: '30' });
    expect(moved.amtId).toBe('30');
    const sb30 = await demo.login('sb30');
    const trail = await sb30.ok('audit.forObject', { uuid: incoming21 });
    expect(trail.at(-1)).toMatchObject({ action: 'document.assignAmt', actor: 'poststelle' });
    // Handed over, Amt 21 no longer sees it.
    expect(await code(sb21.fails('documents.get', { uuid: incoming21 }))).toBe('records.not_found');
  });

  it('metadata changes are audited and queued; a document under an Aufbewahrungssperre cannot be deleted', async () => {
    const updated = await sb21.ok('documents.update', { uuid: doc21.uuid, sender: 'Geprüfter Absender' });
    expect(updated.sender).toBe('Geprüfter Absender');
    expect((await sb21.ok('audit.forObject', { uuid: doc21.uuid })).at(-1)).toMatchObject({ action: 'document.update', actor: 'sb21' });

    const entry = (await sb21.ok('aktenplan.tree', {})).find((e) => e.number === '21.20.02')!;
    const akte = await sb21.ok('akten.create', { aktenplanEntryUuid: entry.uuid, title: 'Akte unter Sperre' });
    const vermerk = await sb21.ok('vermerke.create', { vorgangUuid: akte.vorgaenge[0]!.uuid, title: 'Beweisvermerk', text: 'Festgehalten.' });
    await sb21.ok('akten.setLegalHold', { uuid: akte.uuid, reason: 'Klageverfahren' });
    expect((await sb21.ok('audit.forObject', { uuid: akte.uuid })).at(-1)).toMatchObject({ action: 'akte.legal_hold.set', actor: 'sb21' });
    const refused = await sb21.fails('documents.delete', { uuid: vermerk.uuid });
    expect(refused.code).toBe('records.legal_hold');
    expect(refused.message).toContain('Aufbewahrungssperre');
    expect((await sb21.ok('documents.get', { uuid: vermerk.uuid })).uuid).toBe(vermerk.uuid);
    // Nor can it be moved out to be deleted elsewhere; within the Akte it still moves.
    expect(await code(sb21.fails('documents.move', { uuid: vermerk.uuid, vorgangUuid: doc21.vorgangUuid }))).toBe('records.legal_hold');
    const second = await sb21.ok('vorgaenge.create', { akteUuid: akte.uuid, title: 'Zweiter Vorgang' });
    expect((await sb21.ok('documents.move', { uuid: vermerk.uuid, vorgangUuid: second.uuid })).vorgangUuid).toBe(second.uuid);
    await sb21.ok('akten.liftLegalHold', { uuid: akte.uuid, reason: 'Verfahren beendet' });
    await sb21.ok('documents.delete', { uuid: vermerk.uuid });
    expect(await code(sb21.fails('documents.get', { uuid: vermerk.uuid }))).toBe('records.not_found');
    const last = await demo.app.store.reader.get<{ action: string; actor: string }>(
      'SELECT action, actor FROM audit_event WHERE object_uuid = ? ORDER BY seq DESC LIMIT 1',
      [vermerk.uuid],
    );
    expect(last).toMatchObject({ action: 'document.delete', actor: 'sb21' });
  });

  it('a Wiedervorlage on a letter handed to another Amt ends in the old Amt, says where it went, and stays unseen by the new Amt', async () => {
    const letter = (await poststelle.ok('posteingang.list', { limit: 100 })).items.find((d) => d.amtId !== '21' && d.amtId !== '32')!;
    await poststelle.ok('posteingang.assignAmt', { uuid: letter.uuid, amtId: '21' });
    const w = await sb21.ok('wiedervorlagen.create', { documentUuid: letter.uuid, dueDate: '2026-12-01', note: 'Frist prüfen' });
    await sb21.ok('posteingang.forward', { uuid: letter.uuid, amtId: '32', reason: 'Zuständig ist das Ordnungsamt' });

    expect((await sb21.ok('wiedervorlagen.list', {})).map((x) => x.uuid)).not.toContain(w.uuid);
    const ended = (await sb21.ok('wiedervorlagen.list', { includeDone: true })).find((x) => x.uuid === w.uuid)!;
    expect(ended).toMatchObject({ handedOnTo: '32', aktenzeichen: null, note: 'Frist prüfen' });
    expect(ended.doneAt).not.toBeNull();
    const trail = await demo.app.store.reader.all<{ action: string; amt_id: string; actor: string }>(
      'SELECT action, amt_id, actor FROM audit_event WHERE object_uuid = ? ORDER BY seq',
      [w.uuid],
    );
    expect(trail).toEqual([
      { action: 'wiedervorlage.create', amt_id: '21', actor: 'sb21' },
      { action: 'wiedervorlage.handed_on', amt_id: '21', actor: 'sb21' },
    ]);
    // Amt 32 never sees Amt 21's follow-up (note, date), nor can it complete it.
    expect((await sb32.ok('wiedervorlagen.list', { includeDone: true })).map((x) => x.uuid)).not.toContain(w.uuid);
    expect(await code(sb32.fails('wiedervorlagen.complete', { uuid: w.uuid }))).toBe('records.not_found');
    // Filed by Amt 32, the letter's new Aktenzeichen does not show in Amt 21's list.
    await sb32.ok('documents.file', { uuid: letter.uuid, vorgangUuid: vorgang32 });
    expect((await sb21.ok('wiedervorlagen.list', { includeDone: true })).find((x) => x.uuid === w.uuid)).toMatchObject({ aktenzeichen: null, handedOnTo: '32' });
  });

  it('sync counts are the caller\'s: a clerk learns nothing of how many changes another Amt has pending', async () => {
    const pendingOf = async (amt: string) =>
      (await demo.app.store.reader.get<{ n: number }>(
        `SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'failed') AND (
           object_uuid IN (SELECT uuid FROM document WHERE amt_id = ?) OR object_uuid IN (SELECT uuid FROM akte WHERE amt_id = ?)
           OR object_uuid IN (SELECT v.uuid FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE a.amt_id = ?))`,
        [amt, amt, amt],
      ))!.n;
    const all = (await demo.app.store.reader.get<{ n: number }>(`SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'failed')`))!.n;
    const before21 = (await sb21.ok('sync.status', {})).pendingOperations;
    const before32 = (await sb32.ok('sync.status', {})).pendingOperations;
    expect(before21).toBe(await pendingOf('21'));
    expect(before32).toBe(await pendingOf('32'));
    expect(before21).toBeGreaterThan(0);
    expect(before21).toBeLessThan(all);
    // The status bar (system.status) gives the same per-caller number; the administrator sees all of them.
    expect((await sb21.ok('system.status', {})).sync.pendingOperations).toBe(before21);
    expect((await admin.ok('sync.status', {})).pendingOperations).toBe(all);
    // Before login (the login screen's status bar) nothing is counted.
    const anonymous = await demo.app.dispatch({ sessionId: null, transport: 'test' }, 'system.status', {});
    expect(anonymous.ok && anonymous.value.sync.pendingOperations).toBe(0);

    const doc32 = (await sb32.ok('documents.list', { vorgangUuid: vorgang32, limit: 1 })).items[0]!;
    await sb32.ok('documents.update', { uuid: doc32.uuid, title: 'Geänderter Titel (Amt 32)' });
    expect((await sb32.ok('sync.status', {})).pendingOperations).toBe(before32 + 1);
    expect((await sb21.ok('sync.status', {})).pendingOperations).toBe(before21);
  });

  it('an upload id is usable only by its uploader, and a file name cannot leave the upload folder', async () => {
    const id = await saveUpload(demo.dataDir, {
      owner: 'poststelle2',
      fileName: '../../../eakte.sqlite',
      body: Readable.from([Buffer.from('%PDF-1.4\n%%EOF\n')]),
      maxBytes: 1024,
    });
    expect(readdirSync(join(demo.dataDir, 'work', 'uploads', id, 'file'))).toEqual(['eakte.sqlite']);
    expect(await code(poststelle.fails('intake.start', { uploads: [id] }))).toBe('intake.upload_not_found');
    expect(await code(sb21.fails('intake.start', { uploads: [id] }))).toBe('access.denied');
    // Still there for its uploader.
    expect(readdirSync(join(demo.dataDir, 'work', 'uploads'))).toContain(id);
  });
});

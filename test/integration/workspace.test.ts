import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../../core/records/users';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';

const work = mkdtempSync(join(tmpdir(), 'eakte-workspace-'));
const pdftotext = (bytes: Uint8Array | Buffer, name: string) => {
  const file = join(work, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describe('clerk workspace through the API', () => {
  let demo: DemoApp;
  let sb21: DemoSession;
  let sb32: DemoSession;
  beforeAll(async () => {
    demo = await openDemoApp();
    // A second clerk of Amt 21, so a Mitzeichnung has someone to go to.
    await demo.app.store.write((tx) =>
      insertUser(tx, { uuid: '0f9d4c1e-5a7b-4c2d-9e3f-1a2b3c4d5e6f', username: 'sb21b', displayName: 'Lena Vogel (Amt 21)', grants: [{ role: 'sachbearbeitung', amtId: '21' }] }, new Date()),
    );
    sb21 = await demo.login('sb21');
    sb32 = await demo.login('sb32');
  });
  afterAll(() => demo.close());

  const newAkte = async (title: string) => {
    const entry = (await sb21.ok('aktenplan.tree', {})).find((e) => e.number === '21.20.02')!;
    return sb21.ok('akten.create', { aktenplanEntryUuid: entry.uuid, title });
  };
  const filedDocument = async () => {
    const akte = (await sb21.ok('akten.list', { status: 'open', limit: 50 })).items.find((a) => a.documentCount > 0)!;
    return (await sb21.ok('documents.list', { akteUuid: akte.uuid, limit: 1 })).items[0]!;
  };

  it('moves a filed document to a Vorgang of another Akte of the Amt, audited and queued for the DMS', async () => {
    const doc = await filedDocument();
    const target = await newAkte('Zielakte Umlagerung');
    const moved = await sb21.ok('documents.move', { uuid: doc.uuid, vorgangUuid: target.vorgaenge[0]!.uuid });
    expect(moved).toMatchObject({ akteUuid: target.uuid, vorgangUuid: target.vorgaenge[0]!.uuid, aktenzeichen: target.aktenzeichen });
    const trail = await sb21.ok('audit.forObject', { uuid: doc.uuid });
    expect(trail.at(-1)).toMatchObject({ action: 'document.move', actor: 'sb21' });
    const ops = await demo.app.store.reader.all<{ op: string }>('SELECT op FROM outbox WHERE object_uuid = ? ORDER BY id', [doc.uuid]);
    expect(ops.at(-1)!.op).toBe('document.move');
  });

  it('never moves into or out of a zdA-closed Akte, nor a Posteingang document, nor across Ämter', async () => {
    const doc = await filedDocument();
    const closed = await newAkte('Geschlossene Zielakte');
    await sb21.ok('akten.markZda', { uuid: closed.uuid });
    const into = await sb21.call('documents.move', { uuid: doc.uuid, vorgangUuid: closed.vorgaenge[0]!.uuid });
    expect(into.ok ? 'moved' : into.error.code).toBe('records.akte_closed');

    const source = await newAkte('Quelle');
    const open = await newAkte('Ziel');
    await sb21.ok('documents.move', { uuid: doc.uuid, vorgangUuid: source.vorgaenge[0]!.uuid });
    await sb21.ok('akten.markZda', { uuid: source.uuid });
    const outOf = await sb21.call('documents.move', { uuid: doc.uuid, vorgangUuid: open.vorgaenge[0]!.uuid });
    expect(outOf.ok ? 'moved' : outOf.error.code).toBe('records.akte_closed');
    expect((await sb21.ok('documents.get', { uuid: doc.uuid })).akteUuid).toBe(source.uuid);

    const incoming = (await sb21.ok('posteingang.list', {})).items[0]!;
    const unfiled = await sb21.call('documents.move', { uuid: incoming.uuid, vorgangUuid: open.vorgaenge[0]!.uuid });
    expect(unfiled.ok ? 'moved' : unfiled.error.code).toBe('workspace.not_filed');
    if (!unfiled.ok) expect(unfiled.error.message).toContain('Posteingang');

    const foreign = (await sb32.ok('akten.list', { status: 'open', limit: 1 })).items[0]!;
    const foreignAkte = await sb32.ok('akten.get', { uuid: foreign.uuid });
    const cross = await sb21.call('documents.move', { uuid: (await filedDocument()).uuid, vorgangUuid: foreignAkte.vorgaenge[0]!.uuid });
    expect(cross.ok ? 'moved' : cross.error.code).toBe('records.not_found');
  });

  it('stores a Vermerk as a searchable PDF/A document in the Vorgang', async () => {
    const akte = await newAkte('Akte mit Vermerk');
    const text = 'Telefonat mit der Schuldnerin am Vormittag.\n\nSie sagt die Zahlung der Rückstände bis Monatsende zu; Quittungsnummer Wirsingkohl-4711.';
    const doc = await sb21.ok('vermerke.create', { vorgangUuid: akte.vorgaenge[0]!.uuid, title: 'Telefonvermerk Ratenzahlung', text });
    expect(doc).toMatchObject({ status: 'abgelegt', docType: 'Vermerk', akteUuid: akte.uuid, channel: null });
    expect(doc.versions[0]).toMatchObject({ mimeType: 'application/pdf', createdBy: 'sb21' });

    const bytes = await demo.app.store.blobs.read(doc.versions[0]!.sha256);
    const file = join(work, 'vermerk.pdf');
    writeFileSync(file, bytes);
    execFileSync('qpdf', ['--check', file]);
    const shown = pdftotext(bytes, 'vermerk2.pdf');
    expect(shown).toContain('Telefonvermerk Ratenzahlung');
    expect(shown).toContain('Wirsingkohl-4711');
    expect(shown).toContain(`${akte.aktenzeichen}-01`);
    expect(execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' })).toContain('pdfaid:part');

    const hits = await sb21.ok('search.query', { q: 'Wirsingkohl' });
    expect(hits.hits.map((h) => h.document.uuid)).toEqual([doc.uuid]);
    expect((await sb32.ok('search.query', { q: 'Wirsingkohl' })).hits).toEqual([]);
    expect((await sb21.ok('audit.forObject', { uuid: doc.uuid })).map((e) => e.action)).toEqual(['document.create']);

    await sb21.ok('akten.markZda', { uuid: akte.uuid });
    const late = await sb21.call('vermerke.create', { vorgangUuid: akte.vorgaenge[0]!.uuid, title: 'Nachtrag', text: 'zu spät' });
    expect(late.ok ? 'created' : late.error.code).toBe('records.akte_closed');
  });

  it('asks a colleague of the same Amt to co-sign; only the addressee decides, a rejection needs a comment', async () => {
    const colleagues = await sb21.ok('colleagues.list', {});
    expect(colleagues.map((c) => c.displayName)).toEqual(['Lena Vogel (Amt 21)']);
    expect((await sb32.ok('colleagues.list', {})).map((c) => c.displayName)).toEqual([]);
    const doc = await filedDocument();
    const req = await sb21.ok('mitzeichnungen.request', { documentUuid: doc.uuid, addresseeUuid: colleagues[0]!.uuid, note: 'Bitte Betrag prüfen' });
    expect(req).toMatchObject({ status: 'offen', addressee: 'Lena Vogel (Amt 21)', requestedBy: 'Murat Yıldız (Amt 21)', comment: null });

    const sb32Self = await sb32.ok('session.current', {});
    const foreign = await sb21.call('mitzeichnungen.request', { documentUuid: doc.uuid, addresseeUuid: sb32Self.uuid });
    expect(foreign.ok ? 'requested' : foreign.error.code).toBe('workspace.not_colleague');

    const lena = await demo.login('sb21b');
    expect((await lena.ok('mitzeichnungen.list', {})).map((m) => m.uuid)).toEqual([req.uuid]);
    expect(await sb21.ok('mitzeichnungen.list', {})).toEqual([]);
    expect((await sb21.ok('mitzeichnungen.list', { scope: 'requested' })).map((m) => m.uuid)).toEqual([req.uuid]);
    expect(await sb32.ok('mitzeichnungen.list', { scope: 'document', documentUuid: doc.uuid })).toEqual([]);
    expect((await sb21.ok('mitzeichnungen.list', { scope: 'document', documentUuid: doc.uuid })).map((m) => m.uuid)).toEqual([req.uuid]);
    const all = await sb21.call('mitzeichnungen.list', { scope: 'document' });
    expect(all.ok ? 'listed' : all.error.code).toBe('api.invalid_input');

    const byRequester = await sb21.call('mitzeichnungen.decide', { uuid: req.uuid, decision: 'mitgezeichnet' });
    expect(byRequester.ok ? 'decided' : byRequester.error.code).toBe('records.not_found');
    const bare = await lena.call('mitzeichnungen.decide', { uuid: req.uuid, decision: 'abgelehnt' });
    expect(bare.ok ? 'decided' : bare.error.code).toBe('workspace.comment_required');
    const rejected = await lena.ok('mitzeichnungen.decide', { uuid: req.uuid, decision: 'abgelehnt', comment: 'Betrag stimmt nicht' });
    expect(rejected).toMatchObject({ status: 'abgelehnt', comment: 'Betrag stimmt nicht' });
    expect(rejected.decidedAt).not.toBeNull();
    const again = await lena.call('mitzeichnungen.decide', { uuid: req.uuid, decision: 'mitgezeichnet' });
    expect(again.ok ? 'decided' : again.error.code).toBe('workspace.already_decided');
    const actions = (await sb21.ok('audit.forObject', { uuid: doc.uuid })).map((e) => `${e.actor}:${e.action}`);
    expect(actions.slice(-2)).toEqual(['sb21:mitzeichnung.request', 'sb21b:mitzeichnung.abgelehnt']);

    // A closed Akte takes no new request, but an open one can still be answered.
    const pending = await sb21.ok('mitzeichnungen.request', { documentUuid: doc.uuid, addresseeUuid: colleagues[0]!.uuid });
    await sb21.ok('akten.markZda', { uuid: doc.akteUuid! });
    const closed = await sb21.call('mitzeichnungen.request', { documentUuid: doc.uuid, addresseeUuid: colleagues[0]!.uuid });
    expect(closed.ok ? 'requested' : closed.error.code).toBe('records.akte_closed');
    expect((await lena.ok('mitzeichnungen.decide', { uuid: pending.uuid, decision: 'mitgezeichnet' })).status).toBe('mitgezeichnet');
    await sb21.ok('akten.reopen', { uuid: doc.akteUuid!, reason: 'Test' });
  });

  it('keeps saved searches per user', async () => {
    const saved = await sb21.ok('savedSearches.save', { name: 'Ratenzahlungen offen', q: 'Ratenzahlung', filters: { status: 'abgelegt', amtId: '21' } });
    expect(saved).toMatchObject({ name: 'Ratenzahlungen offen', q: 'Ratenzahlung', filters: { status: 'abgelegt', amtId: '21' } });
    const dup = await sb21.call('savedSearches.save', { name: 'Ratenzahlungen offen', q: 'x' });
    expect(dup.ok ? 'saved' : dup.error.code).toBe('workspace.saved_search_exists');
    expect((await sb21.ok('savedSearches.list', {})).map((s) => s.uuid)).toEqual([saved.uuid]);
    expect(await sb32.ok('savedSearches.list', {})).toEqual([]);
    const other = await sb32.call('savedSearches.delete', { uuid: saved.uuid });
    expect(other.ok ? 'deleted' : other.error.code).toBe('records.not_found');
    await sb21.ok('savedSearches.delete', { uuid: saved.uuid });
    expect(await sb21.ok('savedSearches.list', {})).toEqual([]);
  });

  it('lets the post room hand an unassigned letter to an Amt; only then does the Amt see it', async () => {
    const post = await demo.login('poststelle');
    const letter = (await post.ok('posteingang.list', {})).items.find((d) => d.amtId === null)!;
    expect((await sb21.ok('posteingang.list', {})).items.map((d) => d.uuid)).not.toContain(letter.uuid);
    const assigned = await post.ok('posteingang.assignAmt', { uuid: letter.uuid, amtId: '21' });
    expect(assigned.amtId).toBe('21');
    expect((await sb21.ok('posteingang.list', {})).items.map((d) => d.uuid)).toContain(letter.uuid);
    expect((await sb32.ok('posteingang.list', {})).items.map((d) => d.uuid)).not.toContain(letter.uuid);
    const trail = await sb21.ok('audit.forObject', { uuid: letter.uuid });
    expect(trail.at(-1)).toMatchObject({ action: 'document.assignAmt', actor: 'poststelle' });

    const unknown = await post.call('posteingang.assignAmt', { uuid: letter.uuid, amtId: '99' });
    expect(unknown.ok ? 'assigned' : unknown.error.code).toBe('records.not_found');
    const byClerk = await sb21.call('posteingang.assignAmt', { uuid: letter.uuid, amtId: '32' });
    expect(byClerk.ok ? 'assigned' : byClerk.error.code).toBe('access.denied');
  });

  it('lists "Meine Akten" and, for an Aktenplan group, the Akten of every position below it', async () => {
    const mine = await newAkte('Meine eigene Akte');
    const listed = await sb21.ok('akten.list', { mine: true, limit: 500 });
    expect(listed.items.map((a) => a.uuid)).toContain(mine.uuid);
    expect(listed.items.every((a) => a.amtId === '21')).toBe(true);
    const lena = await demo.login('sb21b');
    expect((await lena.ok('akten.list', { mine: true })).total).toBe(0);

    const tree = await sb21.ok('aktenplan.tree', {});
    const group = tree.find((e) => e.number === '21.20')!;
    expect(group.isLeaf).toBe(false);
    expect((await sb21.ok('akten.list', { aktenplanEntryUuid: group.uuid })).total).toBe(0);
    const below = await sb21.ok('akten.list', { aktenplanEntryUuid: group.uuid, includeSubEntries: true, limit: 500 });
    const leaves = tree.filter((e) => e.number.startsWith('21.20.'));
    let sum = 0;
    for (const leaf of leaves) sum += (await sb21.ok('akten.list', { aktenplanEntryUuid: leaf.uuid })).total;
    expect(below.total).toBe(sum);
    expect(below.items.map((a) => a.uuid)).toContain(mine.uuid);
    expect((await sb32.ok('akten.list', { aktenplanEntryUuid: group.uuid, includeSubEntries: true })).total).toBe(0);
  });

  it('exports an Akte for Akteneinsicht as one PDF with contents and page stamps, audited', async () => {
    const akte = (await sb21.ok('akten.list', { status: 'open', limit: 100 })).items.find((a) => a.documentCount >= 2)!;
    const docs = (await sb21.ok('documents.list', { akteUuid: akte.uuid, limit: 100 })).items;
    const out = await sb21.ok('akteneinsicht.export', { akteUuid: akte.uuid });
    expect(out.documentCount).toBe(docs.length);
    const bytes = Buffer.from(out.base64, 'base64');
    const file = join(work, 'einsicht.pdf');
    writeFileSync(file, bytes);
    execFileSync('qpdf', ['--check', file]);
    // Independent page count: the contents page(s) plus every page of every document.
    let docPages = 0;
    for (const d of docs) {
      const detail = await sb21.ok('documents.get', { uuid: d.uuid });
      const src = join(work, `${d.uuid}.pdf`);
      writeFileSync(src, await demo.app.store.blobs.read(detail.versions.at(-1)!.sha256));
      docPages += Number(execFileSync('qpdf', ['--show-npages', src], { encoding: 'utf8' }).trim());
    }
    const pages = Number(execFileSync('qpdf', ['--show-npages', file], { encoding: 'utf8' }).trim());
    expect(pages).toBe(docPages + 1);
    expect(out.pageCount).toBe(pages);

    const text = pdftotext(bytes, 'einsicht2.pdf');
    expect(text).toContain('Inhaltsverzeichnis');
    for (const d of docs) expect(text).toContain(d.title);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Akteneinsicht ${akte.aktenzeichen} – Seite ${n} von ${pages}`);
    const firstPage = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    expect(firstPage).toMatch(/Seite 2\b/);

    const trail = await sb21.ok('audit.forObject', { uuid: akte.uuid });
    expect(trail.at(-1)).toMatchObject({ action: 'akte.akteneinsicht', actor: 'sb21' });
    const details = trail.at(-1)!.details as { pages: number; documents: string[] };
    expect(details.pages).toBe(pages);
    // File order (Vorgang, then date) in the export; the list shows newest first.
    expect([...details.documents].sort()).toEqual(docs.map((d) => d.uuid).sort());
  });

  it('exports a selection in the chosen order and refuses documents of other Akten and foreign Ämter', async () => {
    const akte = (await sb21.ok('akten.list', { status: 'open', limit: 100 })).items.find((a) => a.documentCount >= 2)!;
    const docs = (await sb21.ok('documents.list', { akteUuid: akte.uuid, limit: 100 })).items;
    const pick = [docs[1]!.uuid, docs[0]!.uuid];
    const out = await sb21.ok('akteneinsicht.export', { akteUuid: akte.uuid, documentUuids: pick });
    expect(out.documentCount).toBe(2);
    const text = pdftotext(Buffer.from(out.base64, 'base64'), 'auswahl.pdf');
    expect(text.indexOf(`1. ${docs[1]!.title}`)).toBeGreaterThan(-1);
    expect(text.indexOf(`2. ${docs[0]!.title}`)).toBeGreaterThan(text.indexOf(`1. ${docs[1]!.title}`));

    const otherAkte = (await sb21.ok('akten.list', { status: 'open', limit: 100 })).items.find((a) => a.documentCount > 0 && a.uuid !== akte.uuid)!;
    const stranger = (await sb21.ok('documents.list', { akteUuid: otherAkte.uuid, limit: 1 })).items[0]!;
    const mixed = await sb21.call('akteneinsicht.export', { akteUuid: akte.uuid, documentUuids: [docs[0]!.uuid, stranger.uuid] });
    expect(mixed.ok ? 'exported' : mixed.error.code).toBe('workspace.export_foreign_document');
    const foreign = await sb32.call('akteneinsicht.export', { akteUuid: akte.uuid });
    expect(foreign.ok ? 'exported' : foreign.error.code).toBe('records.not_found');
    const empty = await newAkte('Leere Akte');
    const none = await sb21.call('akteneinsicht.export', { akteUuid: empty.uuid });
    expect(none.ok ? 'exported' : none.error.code).toBe('workspace.export_empty');
  });
});

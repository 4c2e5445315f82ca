import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';

describe('case work through the API', () => {
  let demo: DemoApp;
  let sb21: DemoSession;
  beforeAll(async () => {
    demo = await openDemoApp();
    sb21 = await demo.login('sb21');
  });
  afterAll(() => demo.close());

  const leaf = async (number: string) => (await sb21.ok('aktenplan.tree', {})).find((e) => e.number === number)!;

  it('creates an Akte with a generated Aktenzeichen and its first Vorgang, audited and queued for the DMS', async () => {
    const entry = await leaf('21.30.01');
    const akte = await sb21.ok('akten.create', {
      aktenplanEntryUuid: entry.uuid,
      title: 'Vollstreckung Test',
      persons: [{ role: 'Schuldner/in', name: 'Erika Mustermann', birthDate: '1970-01-01' }],
    });
    expect(akte.aktenzeichen).toMatch(/^21\.30\.01-\d{4}\/2026$/);
    expect(akte.vorgaenge).toHaveLength(1);
    expect(akte.vorgaenge[0]!.aktenzeichen).toBe(`${akte.aktenzeichen}-01`);
    const second = await sb21.ok('akten.create', { aktenplanEntryUuid: entry.uuid, title: 'Zweite Akte' });
    expect(Number(second.aktenzeichen.slice(9, 13))).toBe(Number(akte.aktenzeichen.slice(9, 13)) + 1);

    const trail = await sb21.ok('audit.forObject', { uuid: akte.uuid });
    expect(trail.map((e) => e.action)).toEqual(['akte.create']);
    expect(trail[0]!.actor).toBe('sb21');
    const outbox = await demo.app.store.reader.all<{ op: string }>('SELECT op FROM outbox WHERE object_uuid = ?', [akte.uuid]);
    expect(outbox.map((o) => o.op)).toEqual(['akte.create']);
  });

  it('refuses Akten under a group position and under another Amt’s plan', async () => {
    const group = (await sb21.ok('aktenplan.tree', {})).find((e) => e.number === '21.30')!;
    const r = await sb21.call('akten.create', { aktenplanEntryUuid: group.uuid, title: 'x' });
    expect(r.ok ? 'created' : r.error.code).toBe('records.not_a_leaf');
    const foreign = await leaf('32.10.02');
    const r2 = await sb21.call('akten.create', { aktenplanEntryUuid: foreign.uuid, title: 'x' });
    expect(r2.ok ? 'created' : r2.error.code).toBe('access.denied');
  });

  it('files a Posteingang document, then zdA makes the Akte read-only until reopened with a reason', async () => {
    const entry = await leaf('21.20.02');
    const akte = await sb21.ok('akten.create', { aktenplanEntryUuid: entry.uuid, title: 'Ratenzahlung' });
    const vorgang = akte.vorgaenge[0]!;
    const incoming = (await sb21.ok('posteingang.list', {})).items[0]!;
    const filed = await sb21.ok('documents.file', { uuid: incoming.uuid, vorgangUuid: vorgang.uuid });
    expect(filed).toMatchObject({ status: 'abgelegt', akteUuid: akte.uuid, vorgangUuid: vorgang.uuid });
    expect((await sb21.ok('posteingang.list', {})).items.map((d) => d.uuid)).not.toContain(incoming.uuid);

    const closed = await sb21.ok('akten.markZda', { uuid: akte.uuid });
    expect(closed.status).toBe('zda');
    expect(closed.zdaAt).toBe('2026-11-23');
    const blocked = await sb21.call('vorgaenge.create', { akteUuid: akte.uuid, title: 'Nachtrag' });
    expect(blocked.ok ? 'created' : blocked.error.code).toBe('records.akte_closed');
    if (!blocked.ok) expect(blocked.error.message).toContain(akte.aktenzeichen);

    const reopened = await sb21.ok('akten.reopen', { uuid: akte.uuid, reason: 'Neue Zahlungsvereinbarung' });
    expect(reopened).toMatchObject({ status: 'open', zdaAt: null });
    expect((await sb21.ok('vorgaenge.create', { akteUuid: akte.uuid, title: 'Nachtrag' })).aktenzeichen).toBe(`${akte.aktenzeichen}-02`);
    const actions = (await sb21.ok('audit.forObject', { uuid: akte.uuid })).map((e) => e.action);
    expect(actions).toEqual(['akte.create', 'akte.zda', 'akte.reopen']);
    expect((await sb21.ok('audit.forObject', { uuid: incoming.uuid })).map((e) => e.action)).toEqual(['document.create', 'document.file']);
  });

  it('keeps Wiedervorlagen per Amt and lists what is due', async () => {
    const akte = (await sb21.ok('akten.list', { status: 'open', limit: 1 })).items[0]!;
    const w = await sb21.ok('wiedervorlagen.create', { akteUuid: akte.uuid, dueDate: '2026-11-20', note: 'Zahlungseingang prüfen' });
    expect(w).toMatchObject({ akteUuid: akte.uuid, aktenzeichen: akte.aktenzeichen, doneAt: null });
    const due = await sb21.ok('wiedervorlagen.list', { dueUntil: '2026-11-23' });
    expect(due.map((x) => x.uuid)).toContain(w.uuid);
    const sb32 = await demo.login('sb32');
    expect((await sb32.ok('wiedervorlagen.list', {})).map((x) => x.uuid)).not.toContain(w.uuid);
    const done = await sb21.ok('wiedervorlagen.complete', { uuid: w.uuid });
    expect(done.doneAt).not.toBeNull();
    expect((await sb21.ok('wiedervorlagen.list', {})).map((x) => x.uuid)).not.toContain(w.uuid);
  });

  it('keeps the audit chain intact through all of the above', async () => {
    const admin = await demo.login('admin');
    const v = await admin.ok('audit.verify', {});
    expect(v.ok).toBe(true);
    expect(v.entries).toBeGreaterThan(200);
  });
});

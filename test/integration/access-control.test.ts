import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp, type DemoApp } from '../helpers/demo-app';

// Data protection at the API border: what one Amt holds is invisible to another, down to counts.
describe('access control at the API', () => {
  let demo: DemoApp;
  beforeAll(async () => {
    demo = await openDemoApp();
  });
  afterAll(() => demo.close());

  const amt32Term = 'Aufenthaltserlaubnis';
  const amt21Term = 'Vollstreckungsstelle';

  it('a clerk of Amt 21 cannot search, count, list or open Amt 32 records', async () => {
    const sb32 = await demo.login('sb32');
    const sb21 = await demo.login('sb21');
    const theirs = await sb32.ok('search.query', { q: amt32Term });
    expect(theirs.total).toBeGreaterThan(0);

    const mine = await sb21.ok('search.query', { q: amt32Term });
    expect(mine.total).toBe(0);
    expect(mine.hits).toEqual([]);

    const listed = await sb21.ok('akten.list', { amtId: '32' });
    expect(listed.total).toBe(0);

    const akte32 = (await sb32.ok('akten.list', { amtId: '32', limit: 1 })).items[0]!;
    const opened = await sb21.call('akten.get', { uuid: akte32.uuid });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error.code).toBe('records.not_found');

    const doc32 = theirs.hits[0]!.document;
    const doc = await sb21.call('documents.get', { uuid: doc32.uuid });
    expect(doc.ok ? 'visible' : doc.error.code).toBe('records.not_found');
    const trail = await sb21.call('audit.forObject', { uuid: doc32.uuid });
    expect(trail.ok ? 'visible' : trail.error.code).toBe('records.not_found');
  });

  it('each clerk sees only the own Amt in the Posteingang', async () => {
    for (const [user, amt] of [['sb21', '21'], ['sb30', '30'], ['sb32', '32']] as const) {
      const s = await demo.login(user);
      const inbox = await s.ok('posteingang.list', {});
      expect(inbox.total).toBeGreaterThan(0);
      expect(new Set(inbox.items.map((d) => d.amtId))).toEqual(new Set([amt]));
    }
  });

  it('the post room sees incoming mail of all Ämter but no filed records', async () => {
    const post = await demo.login('poststelle');
    const inbox = await post.ok('posteingang.list', {});
    expect(new Set(inbox.items.map((d) => d.amtId))).toEqual(new Set(['21', '30', '32', null]));
    const found = await post.ok('search.query', { q: amt21Term });
    expect(found.total).toBe(0);
    const denied = await post.call('akten.list', {});
    expect(denied.ok ? 'allowed' : denied.error.code).toBe('access.denied');
  });

  it('the archive sees closed files of every Amt and never open ones', async () => {
    const archiv = await demo.login('archiv');
    const all = await archiv.ok('akten.list', { limit: 500 });
    expect(all.total).toBeGreaterThan(0);
    expect(all.items.every((a) => a.status === 'zda')).toBe(true);
    expect(new Set(all.items.map((a) => a.amtId))).toEqual(new Set(['21', '30', '32']));
    const sb21 = await demo.login('sb21');
    const openAkte = (await sb21.ok('akten.list', { status: 'open', limit: 1 })).items[0]!;
    const r = await archiv.call('akten.get', { uuid: openAkte.uuid });
    expect(r.ok ? 'visible' : r.error.code).toBe('records.not_found');
    const write = await archiv.call('akten.markZda', { uuid: openAkte.uuid });
    expect(write.ok ? 'allowed' : write.error.code).toBe('access.denied');
  });

  it('the administrator checks the audit chain but reads no record content', async () => {
    const admin = await demo.login('admin');
    expect((await admin.ok('audit.verify', {})).ok).toBe(true);
    const r = await admin.call('akten.list', {});
    expect(r.ok ? 'allowed' : r.error.code).toBe('access.denied');
    expect((await admin.ok('search.query', { q: amt21Term })).total).toBe(0);
  });

  it('a document cannot be filed into another Amt’s Akte', async () => {
    const sb21 = await demo.login('sb21');
    const incoming = (await sb21.ok('posteingang.list', {})).items[0]!;
    const sb32 = await demo.login('sb32');
    const akte32 = (await sb32.ok('akten.list', { status: 'open', limit: 1 })).items[0]!;
    const vorgang32 = (await sb32.ok('akten.get', { uuid: akte32.uuid })).vorgaenge[0]!;
    const r = await sb32.call('documents.file', { uuid: incoming.uuid, vorgangUuid: vorgang32.uuid });
    expect(r.ok ? 'filed' : r.error.code).toBe('records.not_found');
    const r2 = await sb21.call('documents.file', { uuid: incoming.uuid, vorgangUuid: vorgang32.uuid });
    expect(r2.ok ? 'filed' : r2.error.code).toBe('records.not_found');
  });

  it('refuses calls without a session and with invalid input, in German', async () => {
    const anon = await demo.app.dispatch({ sessionId: null, transport: 'test' }, 'akten.list', {});
    expect(anon.ok ? 'allowed' : anon.error.code).toBe('auth.not_logged_in');
    const forged = await demo.app.dispatch({ sessionId: 'forged', transport: 'test' }, 'akten.list', {});
    expect(forged.ok ? 'allowed' : forged.error.code).toBe('auth.not_logged_in');
    const sb21 = await demo.login('sb21');
    const bad = await sb21.call('akten.get', { uuid: 'nicht-eine-uuid' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('api.invalid_input');
      expect(bad.error.message).toMatch(/ungültig/);
      expect(bad.error.ref).toMatch(/^[0-9A-F]{10}$/);
    }
    const unknown = await demo.app.dispatch({ sessionId: null, transport: 'test' }, 'akten.drop', {});
    expect(unknown.ok ? 'ran' : unknown.error.code).toBe('api.unknown_method');
  });
});

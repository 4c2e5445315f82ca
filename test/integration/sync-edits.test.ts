import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp, type DemoApp } from '../helpers/demo-app';

/** The clerk's document edits through the API: audit entry and DMS outbox row with every change, access as for reading. */
describe('documents.update and documents.delete', () => {
  let demo: DemoApp;
  beforeAll(async () => {
    demo = await openDemoApp();
  });
  afterAll(() => demo.close());

  const openDocOf = (amt: string) =>
    demo.app.deps.store.reader.get<{ uuid: string }>(
      `SELECT d.uuid FROM document d JOIN akte a ON a.id = d.akte_id WHERE a.status = 'open' AND a.amt_id = ? ORDER BY d.id LIMIT 1`,
      [amt],
    );
  const outboxOf = (uuid: string) =>
    demo.app.deps.store.reader.all<{ op: string; payload: string }>(`SELECT op, payload FROM outbox WHERE object_uuid = ? AND state = 'pending' ORDER BY id`, [uuid]);

  it('changes metadata with an audit entry and one outbox operation naming the changed fields', async () => {
    const sb21 = await demo.login('sb21');
    const { uuid } = (await openDocOf('21'))!;
    const before = (await outboxOf(uuid)).length;
    const doc = await sb21.ok('documents.update', { uuid, title: 'Pfändungsverfügung (berichtigt)', sender: null });
    expect(doc).toMatchObject({ uuid, title: 'Pfändungsverfügung (berichtigt)', sender: null });
    const ops = await outboxOf(uuid);
    expect(ops).toHaveLength(before + 1);
    expect(ops.at(-1)).toMatchObject({ op: 'document.update' });
    expect(JSON.parse(ops.at(-1)!.payload)).toEqual({ uuid, fields: ['title', 'sender'] });
    const trail = await sb21.ok('audit.forObject', { uuid });
    expect(trail.some((e) => e.action === 'document.update' && e.actor === 'sb21')).toBe(true);
    const found = await sb21.ok('search.query', { q: 'berichtigt' });
    expect(found.hits.some((h) => h.document.uuid === uuid)).toBe(true);
  });

  it('refuses another Amt, an empty change and a closed Akte, and changes nothing', async () => {
    const { uuid } = (await openDocOf('21'))!;
    const before = await outboxOf(uuid);
    const sb32 = await demo.login('sb32');
    const foreign = await sb32.call('documents.update', { uuid, title: 'Fremd' });
    expect(foreign.ok ? null : foreign.error.code).toBe('records.not_found');
    const sb21 = await demo.login('sb21');
    const empty = await sb21.call('documents.update', { uuid });
    expect(empty.ok ? null : empty.error.code).toBe('api.invalid_input');
    const closed = await demo.app.deps.store.reader.get<{ uuid: string }>(
      `SELECT d.uuid FROM document d JOIN akte a ON a.id = d.akte_id WHERE a.status = 'zda' AND a.amt_id = '21' LIMIT 1`,
    );
    const zda = await sb21.call('documents.delete', { uuid: closed!.uuid });
    expect(zda.ok).toBe(false);
    expect(zda.ok ? '' : zda.error.message).toMatch(/Akte/);
    expect(await outboxOf(uuid)).toEqual(before);
    expect(await demo.app.deps.store.reader.get('SELECT 1 FROM document WHERE uuid = ?', [closed!.uuid])).toBeTruthy();
  });

  it('deletes a document with its versions; the outbox tells the DMS and the audit trail stays', async () => {
    const sb21 = await demo.login('sb21');
    const { uuid } = (await openDocOf('21'))!;
    expect(await sb21.ok('documents.delete', { uuid })).toEqual({ ok: true });
    const get = await sb21.call('documents.get', { uuid });
    expect(get.ok ? null : get.error.code).toBe('records.not_found');
    expect((await outboxOf(uuid)).at(-1)?.op).toBe('document.delete');
    const trail = await demo.app.deps.store.reader.all<{ action: string }>('SELECT action FROM audit_event WHERE object_uuid = ?', [uuid]);
    expect(trail.map((t) => t.action)).toContain('document.delete');
    expect((await (await demo.login('admin')).ok('audit.verify', {})).ok).toBe(true);
  });
});

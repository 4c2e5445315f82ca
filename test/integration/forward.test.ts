import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp, type DemoApp } from '../helpers/demo-app';

/** A clerk forwards a letter that reached the wrong Amt: it leaves their sight and lands in the other Posteingang. */

let demo: DemoApp;
beforeAll(async () => {
  demo = await openDemoApp();
});
afterAll(async () => {
  await demo.close();
});

describe('posteingang.forward', () => {
  it('moves an incoming letter to another Amt with the reason in its audit trail', async () => {
    const sb21 = await demo.login('sb21');
    const sb30 = await demo.login('sb30');
    const letter = (await sb21.ok('posteingang.list', { amtId: '21', limit: 50 })).items[0]!;
    const before30 = (await sb30.ok('posteingang.list', { amtId: '30', limit: 500 })).total;
    const reason = 'Klage gegen Gewerbesteuerbescheid, zuständig Rechtsamt';

    expect((await sb30.fails('posteingang.forward', { uuid: letter.uuid, amtId: '30', reason })).code).toBe('records.not_found');
    expect((await (await demo.login('poststelle')).fails('posteingang.forward', { uuid: letter.uuid, amtId: '30', reason })).code).toBe(
      'access.denied',
    );
    expect((await sb21.fails('posteingang.forward', { uuid: letter.uuid, amtId: '21', reason })).code).toBe('workspace.same_amt');

    await sb21.ok('posteingang.forward', { uuid: letter.uuid, amtId: '30', reason });
    expect((await sb21.fails('documents.get', { uuid: letter.uuid })).code).toBe('records.not_found');
    const inbox30 = await sb30.ok('posteingang.list', { amtId: '30', limit: 500 });
    expect(inbox30.total).toBe(before30 + 1);
    expect(inbox30.items.map((d) => d.uuid)).toContain(letter.uuid);
    const trail = await sb30.ok('audit.forObject', { uuid: letter.uuid });
    expect(trail.at(-1)).toMatchObject({ action: 'document.forward', actor: 'sb21', details: { reason, from: '21', to: '30' } });
  });

  it('does not forward a letter that is already filed', async () => {
    const sb21 = await demo.login('sb21');
    const filed = (await sb21.ok('search.query', { q: 'Gewerbesteuer', limit: 50 })).hits.find((h) => h.document.status === 'abgelegt');
    expect(filed).toBeDefined();
    const error = await sb21.fails('posteingang.forward', { uuid: filed!.document.uuid, amtId: '30', reason: 'falsch' });
    expect(error.code).toBe('records.not_found');
    expect((await sb21.ok('documents.get', { uuid: filed!.document.uuid })).amtId).toBe('21');
  });
});

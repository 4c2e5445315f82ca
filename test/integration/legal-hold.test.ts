import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * Aufbewahrungssperre through the API: the clerk of the Akte's Amt sets it on a closed Akte whose
 * retention has expired, the Aussonderung then refuses to offer it, lifting it frees it again; both steps
 * are in the Akte's audit trail with their reasons, and nobody outside the Amt can touch it.
 */

let demo: DemoApp;
let archiv: DemoSession;
let out: { path: string; remove(): void };

beforeAll(async () => {
  demo = await openDemoApp();
  archiv = await demo.login('archiv');
  out = tempDir('eakte-legal-hold-');
});
afterAll(async () => {
  await demo.close();
  out.remove();
});

describe('legal hold', () => {
  it('blocks the offer while set, is audited, and only the own Amt may set or lift it', async () => {
    const expiring = await archiv.ok('aussonderung.listExpiring', {});
    const target = expiring.find((a) => !a.legalHold && !a.prozessId)!;
    expect(target).toBeDefined();
    const clerk = await demo.login(`sb${target.amtId}`);
    const otherAmt = ['21', '30', '32'].find((id) => id !== target.amtId)!;
    const stranger = await demo.login(`sb${otherAmt}`);
    const reason = 'Klage anhängig, VG 12 K 3456/24';

    expect((await stranger.fails('akten.setLegalHold', { uuid: target.uuid, reason })).code).toBe('records.not_found');
    expect((await archiv.fails('akten.setLegalHold', { uuid: target.uuid, reason })).code).toBe('access.denied');
    const lifted = await clerk.fails('akten.liftLegalHold', { uuid: target.uuid, reason: 'Versehen' });
    expect(lifted.code).toBe('records.no_legal_hold');
    expect(lifted.message).toContain(target.aktenzeichen);

    const held = await clerk.ok('akten.setLegalHold', { uuid: target.uuid, reason });
    expect(held.legalHold).toBe(reason);
    expect(held.status).toBe('zda'); // a hold changes no content, so a closed Akte stays closed
    expect((await archiv.ok('aussonderung.listExpiring', {})).find((a) => a.uuid === target.uuid)?.legalHold).toBe(reason);
    const refused = await archiv.fails('aussonderung.createOffer', { amtId: target.amtId, akteUuids: [target.uuid], outDir: out.path });
    expect(refused.code).toBe('aussonderung.legal_hold');
    expect(refused.message).toContain(target.aktenzeichen);

    await clerk.ok('akten.liftLegalHold', { uuid: target.uuid, reason: 'Verfahren rechtskräftig abgeschlossen' });
    expect((await archiv.ok('aussonderung.listExpiring', {})).find((a) => a.uuid === target.uuid)?.legalHold).toBeNull();
    const offered = await archiv.ok('aussonderung.createOffer', { amtId: target.amtId, akteUuids: [target.uuid], outDir: out.path });
    expect(offered.aussonderung.objects.map((o) => o.akteUuid)).toEqual([target.uuid]);

    const trail = (await clerk.ok('audit.forObject', { uuid: target.uuid })).filter((e) => e.action.startsWith('akte.legal_hold'));
    expect(trail.map((e) => [e.action, e.details.reason, e.details.previous])).toEqual([
      ['akte.legal_hold.set', reason, null],
      ['akte.legal_hold.lift', 'Verfahren rechtskräftig abgeschlossen', reason],
    ]);
    expect((await (await demo.login('admin')).ok('audit.verify', {})).ok).toBe(true);
  });
});

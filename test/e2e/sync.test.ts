import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CmisClient } from '../../sync/cmis/client';
import { DEV_PASSWORD, startDmsDev, startFaultProxy, type DmsDev, type FaultProxy } from '../../sync/dms-dev';
import { writeSyncConfig } from '../../sync/testing/harness';
import { tempDir } from '../helpers/temp-dir';
import { noA11yFindings } from './helpers/axe';
import { launchBrowser, loginAs, openApp, screenshot, type AppPage } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/server';

/**
 * The app in browser mode with its background sync against the development DMS, behind a proxy that can
 * play "network down" for the app while a colleague keeps working on the DMS directly.
 */
const dmsDir = tempDir('eakte-e2e-dms-');
let dms: DmsDev;
let proxy: FaultProxy;
let server: DemoServer;
let browser: Browser;
let app: AppPage;

type Api = Awaited<ReturnType<DemoServer['as']>>;

beforeAll(async () => {
  dms = await startDmsDev({ dataDir: dmsDir.path });
  proxy = await startFaultProxy({ target: dms.url, plan: { seed: 7 } });
  [server, browser] = await Promise.all([
    startDemoServer({ prepare: (dir) => writeSyncConfig(dir, proxy.url, 'e2e', { intervalSeconds: 1, timeoutMs: 3000 }) }),
    launchBrowser(),
  ]);
  app = await openApp(browser, server.url);
  await loginAs(app.page, 'sb21');
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.stop();
  await proxy?.close();
  await dms?.close();
  dmsDir.remove();
});

const go = (page: Page, hash: string) => page.evaluate((h) => (window.location.hash = h), hash);

/** Two documents of one open Vorgang of Amt 21, as the clerk sees them. */
async function pickDocuments(api: Api) {
  const akten = await api('akten.list', { status: 'open', amtId: '21', limit: 50 });
  for (const summary of akten.items) {
    const akte = await api('akten.get', { uuid: summary.uuid });
    for (const v of akte.vorgaenge) {
      const docs = await api('documents.list', { vorgangUuid: v.uuid, limit: 10 });
      if (docs.items.length >= 2) return { akte, vorgang: v, docs: docs.items };
    }
  }
  throw new Error('no Vorgang with two documents in the demo data');
}

describe('sync in the UI', () => {
  it('an offline edit waits, the badge turns synced when the DMS is back; a conflict is resolved on the sync page', async () => {
    const { page } = app;
    const api = await server.as('sb21');
    // The demo data goes to the DMS first (the loop starts with the app).
    await expect
      .poll(async () => {
        const s = await api('sync.status', {});
        return s.state === 'online' && s.pendingOperations === 0;
      }, { timeout: 120_000, interval: 250 })
      .toBe(true);
    const { akte, vorgang, docs } = await pickDocuments(api);
    const [edited, disputed] = [docs[0]!, docs[1]!];

    // Offline: the app cannot reach the DMS; the clerk edits one document, a colleague changes another in the DMS.
    proxy.setDown(true);
    await api('documents.update', { uuid: edited.uuid, title: `${edited.title} (offline geändert)` });
    await api('documents.update', { uuid: disputed.uuid, title: 'Fassung der Sachbearbeitung' });
    const colleague = new CmisClient({ url: dms.url, auth: { type: 'basic', username: 'kollegin', password: DEV_PASSWORD } });
    const [remote] = (await colleague.query(`SELECT * FROM cmis:document WHERE eakte:uuid = '${disputed.uuid}'`, 0, 1)).results;
    await colleague.updateProperties(
      String(remote!.succinctProperties['cmis:objectId']),
      // A plain CMIS edit: our last operation id stays on the object, the DMS user is the colleague.
      { 'eakte:title': 'Fassung der Kollegin' },
      String(remote!.succinctProperties['cmis:changeToken']),
    );
    colleague.close();

    await go(page, `#/akte/${akte.uuid}/vorgang/${vorgang.uuid}`);
    const list = page.getByRole('listbox', { name: new RegExp(vorgang.aktenzeichen.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')) });
    const row = (uuid: string) => list.getByRole('option').filter({ has: page.locator(`[data-sync-state]`) }).filter({ hasText: uuid === edited.uuid ? '(offline geändert)' : 'Fassung der Sachbearbeitung' });
    await expect.poll(() => row(edited.uuid).locator('[data-sync-state]').textContent(), { timeout: 30_000 }).toBe('Wartet auf Abgleich');
    const status = page.getByRole('status').filter({ has: page.locator('.conn-label') });
    await expect.poll(() => status.locator('.conn-label').textContent(), { timeout: 30_000 }).toBe('Offline');
    await noA11yFindings(page);
    await screenshot(page, 'sync-01-offline-badge');

    // Back online: the loop delivers the edit; the disputed document becomes a conflict.
    proxy.setDown(false);
    await expect.poll(() => row(edited.uuid).locator('[data-sync-state]').textContent(), { timeout: 60_000 }).toBe('Abgeglichen');
    await expect.poll(() => row(disputed.uuid).locator('[data-sync-state]').textContent(), { timeout: 60_000 }).toBe('Konflikt');

    // The header's indicator leads to the sync page, where the clerk takes the DMS's version.
    await status.getByRole('link').click();
    await page.getByRole('heading', { name: 'Abgleich mit dem zentralen DMS' }).waitFor();
    const conflicts = page.getByRole('table', { name: 'Dokumente, die lokal und im DMS zugleich geändert wurden' });
    const conflictRow = conflicts.getByRole('row').filter({ hasText: 'Fassung der Sachbearbeitung' });
    await expect.poll(() => conflictRow.textContent()).toContain('beidseitig geändert');
    await noA11yFindings(page);
    await screenshot(page, 'sync-02-konflikt');
    await conflictRow.getByRole('button', { name: 'Server übernehmen: Fassung der Sachbearbeitung' }).click();
    await page.getByText('Konflikt zu „Fassung der Sachbearbeitung“ entschieden.').waitFor();
    await page.getByText('Keine offenen Konflikte.').waitFor();
    expect((await api('documents.get', { uuid: disputed.uuid })).title).toBe('Fassung der Kollegin');

    await page.getByRole('button', { name: 'Jetzt synchronisieren' }).click();
    await page.getByText(/Abgleich fertig: \d+ Änderungen? übertragen\./).waitFor();
    const states = await api('sync.objectStates', { uuids: [edited.uuid, disputed.uuid] });
    expect(states.map((s) => s.state)).toEqual(['synced', 'synced']);
    await noA11yFindings(page);
    await screenshot(page, 'sync-03-abgeglichen');
  }, 240_000);
});

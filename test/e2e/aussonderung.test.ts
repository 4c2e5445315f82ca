import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noA11yFindings } from './helpers/axe';
import { launchBrowser, loginAs, openApp, screenshot, type AppPage, heading } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/server';

let server: DemoServer;
let browser: Browser;
let app: AppPage | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.stop();
});


describe('Aussonderung (archiv)', () => {
  it('lists expired Akten of an Amt, legal holds not selectable, and offers the chosen ones (0501)', async () => {
    const api = await server.as('archiv');
    const expiring = await api('aussonderung.listExpiring', {});
    const amtId = [...new Set(expiring.map((a) => a.amtId))].sort()[0]!;
    const ofAmt = expiring.filter((a) => a.amtId === amtId);
    const offerable = ofAmt.filter((a) => !a.legalHold && !a.prozessId);
    expect(offerable.length).toBeGreaterThan(0);
    expect(await api('aussonderung.list', {})).toEqual([]);

    app = await openApp(browser, server.url);
    const { page } = app;
    await loginAs(page, 'archiv');
    await page.getByRole('link', { name: 'Aussonderung', exact: true }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Aussonderung');
    const table = page.getByRole('table', { name: `Akten des Amts ${amtId} mit abgelaufener Frist` });
    await table.waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(ofAmt.length);
    // The demo data has no legal hold (none can be set through the API); the component test covers it.
    for (const held of ofAmt.filter((a) => a.legalHold)) {
      expect(await table.getByRole('checkbox', { name: `${held.aktenzeichen} auswählen` }).isDisabled()).toBe(true);
    }
    await page.getByText('Noch keine Aussonderung angelegt.').waitFor();
    await noA11yFindings(page);
    await screenshot(page, '20-aussonderung-faellig');

    const chosen = offerable.slice(0, 2);
    for (const a of chosen) await table.getByRole('checkbox', { name: `${a.aktenzeichen} auswählen` }).check();
    await page.getByRole('button', { name: 'Anbieten (0501)' }).click();
    await page.getByText(/Angebot mit \d+ Akten? geschrieben:/).waitFor();

    const list = await api('aussonderung.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ amtId, state: 'offered', akten: chosen.length });
    const detail = await api('aussonderung.get', { prozessId: list[0]!.prozessId });
    expect(detail.objects.map((o) => o.akteUuid).sort()).toEqual(chosen.map((a) => a.uuid).sort());

    // The new process is listed; the offered Akten are no longer selectable.
    const listTable = page.getByRole('region', { name: 'Aussonderungen' }).getByRole('table');
    await listTable.getByText('Angeboten (0501)').waitFor();
    for (const a of chosen) await expect.poll(() => table.getByRole('checkbox', { name: `${a.aktenzeichen} auswählen` }).isDisabled()).toBe(true);
    await noA11yFindings(page);
    await screenshot(page, '21-aussonderung-angeboten');

    await page.getByRole('link', { name: 'Aussonderung öffnen' }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`Aussonderung ${list[0]!.prozessId.slice(0, 8)}`);
    const actions = page.getByRole('group', { name: 'Aktionen zur Aussonderung' });
    await actions.getByLabel('Nachrichtendatei').waitFor();
    expect(await actions.getByRole('button', { name: 'Abgeben (0503)' }).count()).toBe(0);
    expect(await actions.getByRole('button', { name: 'Löschen' }).count()).toBe(0);
    await page.getByRole('table', { name: 'Bewertung je Akte' }).getByText(chosen[0]!.aktenzeichen).waitFor();
    await noA11yFindings(page);
    await screenshot(page, '22-aussonderung-detail');
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noA11yFindings } from './helpers/axe';
import { launchBrowser, OpenedPages, screenshot, type AppPage, heading } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/server';

let server: DemoServer;
let browser: Browser;
const pages = new OpenedPages();

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});

afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await server?.stop();
});

const open = (username: string | null): Promise<AppPage> => pages.open(browser, server.url, username);

/** Today as the browser (Europe/Berlin) sees it: Wiedervorlagen are due by local date. */
const berlinToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

describe('clerk workspace (Amt 21)', () => {
  it('creates a Wiedervorlage (draft survives a reload) and closes the Akte (zdA)', async () => {
    const api = await server.as('sb21');
    const target = (await api('akten.list', { status: 'open', limit: 1 })).items[0]!;
    const today = berlinToday();
    const note = 'Rückruf der Schuldnerin wegen Ratenzahlung';

    const app = await open('sb21');
    const { page } = app;
    await page.getByRole('link', { name: 'Akten', exact: true }).click();
    await page.getByRole('listbox', { name: 'Akten' }).waitFor();
    await noA11yFindings(page);
    await screenshot(page, '06-akten-aktenplan');

    await page.getByLabel('Aktenzeichen oder Titel').fill(target.aktenzeichen);
    const rows = page.getByRole('listbox', { name: 'Akten' }).getByRole('option');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().click();
    await expect.poll(() => heading(page).textContent()).toBe(target.title);
    await noA11yFindings(page);
    await screenshot(page, '07-akte');

    // Start a Wiedervorlage, reload mid-way: the note comes back from IndexedDB.
    const actions = page.getByRole('group', { name: 'Aktionen zur Akte' });
    await actions.getByRole('button', { name: 'Wiedervorlage' }).click();
    await page.getByLabel('Fällig am').fill(today);
    await page.getByLabel('Notiz').fill(note);
    await page.waitForTimeout(500); // the draft is written shortly after typing stops
    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe(target.title);
    await actions.getByRole('button', { name: 'Wiedervorlage' }).click();
    await page.getByText('Entwurf wiederhergestellt.').waitFor();
    expect(await page.getByLabel('Notiz').inputValue()).toBe(note);
    await noA11yFindings(page);
    await screenshot(page, '08-wiedervorlage-entwurf');
    await page.getByRole('button', { name: 'Wiedervorlage anlegen' }).click();
    await page.getByText(/Wiedervorlage zum .* angelegt\./).waitFor();
    await page.getByRole('tab', { name: 'Wiedervorlagen' }).click();
    await page.getByRole('tabpanel').getByText(note).waitFor();
    const due = await api('wiedervorlagen.list', { dueUntil: today });
    expect(due.filter((w) => w.akteUuid === target.uuid).map((w) => w.note)).toEqual([note]);

    // It is due today, so the start page lists it.
    await page.getByRole('link', { name: 'Übersicht' }).click();
    await page.getByRole('region', { name: 'Fällige Wiedervorlagen' }).getByText(note).waitFor();
    await noA11yFindings(page);
    await screenshot(page, '09-uebersicht-faellig');

    // Back through "Zuletzt geöffnet", then zdA.
    await page.getByRole('navigation', { name: 'Arbeitsbereiche' }).getByRole('link', { name: new RegExp(target.aktenzeichen.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
    await expect.poll(() => heading(page).textContent()).toBe(target.title);
    await actions.getByRole('button', { name: 'zdA verfügen' }).click();
    const confirm = page.getByRole('form', { name: 'Akte zu den Akten verfügen (zdA)' });
    await noA11yFindings(page);
    await confirm.getByRole('button', { name: 'zdA verfügen' }).click();
    await page.getByText('Die Akte ist zdA verfügt.').waitFor();
    await actions.getByRole('button', { name: 'Wiederaufnehmen' }).waitFor();
    expect(await actions.getByRole('button', { name: 'Neuer Vorgang' }).count()).toBe(0);
    expect((await api('akten.get', { uuid: target.uuid })).status).toBe('zda');
    await screenshot(page, '10-akte-zda');
    expect(app.pageErrors).toEqual([]);
  });

  it('files an incoming document of the Posteingang into a Vorgang', async () => {
    const api = await server.as('sb21');
    const incoming = (await api('posteingang.list', { limit: 1 })).items[0]!;
    const akte = (await api('akten.list', { status: 'open', limit: 1 })).items[0]!;
    const vorgang = (await api('akten.get', { uuid: akte.uuid })).vorgaenge[0]!;

    const { page } = await open('sb21');
    await page.getByRole('link', { name: 'Posteingang', exact: true }).click();
    await page.getByRole('option', { name: new RegExp(incoming.title) }).click();
    await page.getByRole('heading', { name: incoming.title }).waitFor();
    await page.getByLabel('Akte suchen (Aktenzeichen oder Titel)').fill(akte.aktenzeichen);
    await page.getByRole('radio', { name: new RegExp(akte.aktenzeichen.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).check();
    await page.getByLabel('Vorgang', { exact: true }).selectOption(vorgang.uuid);
    await noA11yFindings(page);
    await screenshot(page, '11-posteingang-ablegen');
    await page.getByRole('button', { name: 'Ablegen', exact: true }).click();
    await page.getByText(`Abgelegt in ${akte.aktenzeichen}.`).waitFor();
    const filed = await api('documents.get', { uuid: incoming.uuid });
    expect({ status: filed.status, vorgangUuid: filed.vorgangUuid }).toEqual({ status: 'abgelegt', vorgangUuid: vorgang.uuid });
  });

  it('lists Wiedervorlagen by urgency', async () => {
    const { page } = await open('sb21');
    await page.getByRole('link', { name: 'Wiedervorlagen', exact: true }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Wiedervorlagen');
    await page.getByRole('table').first().waitFor();
    await noA11yFindings(page);
    await screenshot(page, '12-wiedervorlagen');
  });
});

describe('archive', () => {
  it('sees only closed (zdA) Akten of all Ämter, read-only', async () => {
    const api = await server.as('archiv');
    const all = await api('akten.list', { limit: 500 });
    expect(all.items.every((a) => a.status === 'zda')).toBe(true);
    expect(new Set(all.items.map((a) => a.amtId)).size).toBeGreaterThan(1);

    const { page } = await open('archiv');
    await expect.poll(() => heading(page).textContent()).toBe('Geschlossene Akten (zdA) aller Ämter');
    await expect.poll(() => page.locator('.list-count').textContent()).toBe(`${all.total} Einträge`);
    const rows = page.getByRole('listbox').getByRole('option');
    const badges = await rows.locator('.badge').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(['zdA']));
    await noA11yFindings(page);
    await screenshot(page, '13-archiv-liste');

    await rows.first().click();
    await page.getByText('Nur Lesezugriff').waitFor();
    expect(await page.getByRole('group', { name: 'Aktionen zur Akte' }).count()).toBe(0);
    await noA11yFindings(page);
    await screenshot(page, '14-archiv-akte');

    // The clerk area is not offered, and its address says so instead of failing.
    expect(await page.getByRole('link', { name: 'Posteingang' }).count()).toBe(0);
    await page.evaluate(() => (window.location.hash = '#/sachbearbeitung/akten'));
    await page.getByText('Dieser Bereich steht Ihnen mit Ihrer Rolle nicht zur Verfügung.').waitFor();
  });
});

describe('other roles', () => {
  it('login screen', async () => {
    const { page } = await open(null);
    await page.getByRole('button', { name: /sb21/ }).waitFor();
    await noA11yFindings(page);
    await screenshot(page, '01-anmeldung');
  });

  it('Poststelle sees the incoming mail of all Ämter', async () => {
    const api = await server.as('poststelle');
    const inbox = await api('posteingang.list', { limit: 1 });
    const { page } = await open('poststelle');
    await expect.poll(() => page.locator('.list-count').textContent()).toBe(`${inbox.total} Einträge`);
    await noA11yFindings(page);
    await screenshot(page, '15-poststelle');
  });

  it('IT administration checks the audit chain, without record content', async () => {
    const { page } = await open('admin');
    expect(await page.locator('#global-search').count()).toBe(0);
    await page.getByRole('button', { name: 'Protokoll prüfen' }).click();
    await page.getByText(/Das Protokoll ist unverändert \(.* Einträge\)\./).waitFor();
    // The role mapping panel (demo mode: no directory rules) is part of the checked page.
    await page.getByRole('table', { name: /Protokollierte Rollenänderungen/ }).waitFor();
    await noA11yFindings(page);
    await screenshot(page, '16-administration');
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const open = (username: string): Promise<AppPage> => pages.open(browser, server.url, username);

const LETTER = 'Anfrage Sondernutzung Außengastronomie';
const WORD = 'Außengastronomie';
const berlinToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('role walk through the clerk workspace', () => {
  it('post room hands a letter to Amt 21; the clerk files, follows up, notes, moves, searches, exports and closes; Amt 32 sees nothing', async () => {
    const sb21 = await server.as('sb21');
    const entry = (await sb21('aktenplan.tree', {})).find((e) => e.amtId === '21' && e.isLeaf)!;
    const akte = await sb21('akten.create', { aktenplanEntryUuid: entry.uuid, title: 'Sondernutzung Café Sonnenschein', firstVorgangTitle: 'Antrag' });
    const v1 = akte.vorgaenge[0]!;

    // The clerk's overview is open before the hand-over: it must show the letter without a reload (event stream).
    const app = await open('sb21');
    const { page } = app;
    const inbox = page.getByRole('region', { name: 'Posteingang' });
    await inbox.getByText(/warte[nt] auf Ablage/).waitFor();
    expect(await inbox.getByText(LETTER).count()).toBe(0);

    // Post room: the unassigned letter goes to Amt 21.
    const post = await open('poststelle');
    await post.page.getByRole('tab', { name: 'Posteingang aller Ämter' }).click();
    await post.page.getByRole('option', { name: new RegExp(WORD) }).click();
    await post.page.getByLabel('Zuständiges Amt').selectOption('21');
    await noA11yFindings(post.page);
    await screenshot(post.page, '30-poststelle-amt-zuleiten');
    await post.page.getByRole('button', { name: 'Zuleiten' }).click();
    await post.page.getByRole('option', { name: new RegExp(`${WORD}.*Amt 21`) }).waitFor();
    const letter = (await sb21('posteingang.list', { limit: 50 })).items.find((d) => d.title === LETTER)!;
    expect(letter.amtId).toBe('21');

    // Clerk of Amt 21: the overview picked it up by itself; finds it in the Posteingang and files it.
    await inbox.getByText(LETTER).waitFor();
    await page.getByRole('link', { name: 'Posteingang', exact: true }).click();
    await page.getByRole('option', { name: new RegExp(LETTER) }).click();
    await page.getByRole('heading', { name: LETTER }).waitFor();
    await page.getByLabel('Akte suchen (Aktenzeichen oder Titel)').fill(akte.aktenzeichen);
    await page.getByRole('radio', { name: new RegExp(esc(akte.aktenzeichen)) }).check();
    await page.getByLabel('Vorgang', { exact: true }).selectOption(v1.uuid);
    await page.getByRole('button', { name: 'Ablegen' }).click();
    await page.getByText(`Abgelegt in ${akte.aktenzeichen}.`).waitFor();
    await page.getByRole('link', { name: 'Akte öffnen' }).click();
    await expect.poll(() => heading(page).textContent()).toBe(akte.title);
    const docs = page.getByRole('listbox', { name: new RegExp(esc(v1.aktenzeichen)) });
    await docs.getByText(LETTER).waitFor();

    // Wiedervorlage for today.
    const actions = page.getByRole('group', { name: 'Aktionen zur Akte' });
    await actions.getByRole('button', { name: 'Wiedervorlage' }).click();
    await page.getByLabel('Fällig am').fill(berlinToday());
    await page.getByLabel('Notiz').fill('Unterlagen zur Sondernutzung nachfordern');
    await page.getByRole('button', { name: 'Wiedervorlage anlegen' }).click();
    await page.getByText(/Wiedervorlage zum .* angelegt\./).waitFor();

    // Vermerk: stored as a document; the list refreshes through the event stream, without a reload.
    await actions.getByRole('button', { name: 'Vermerk schreiben' }).click();
    await page.getByLabel('Betreff').fill('Telefonvermerk Café Sonnenschein');
    await page.getByLabel('Text des Vermerks').fill('Die Inhaberin ruft an: sechs Tische, Plan folgt per E-Mail. Stichwort Markisenhöhe.');
    await noA11yFindings(page);
    await screenshot(page, '31-vermerk');
    await page.getByRole('button', { name: 'Vermerk ablegen' }).click();
    await page.getByText('Der Vermerk ist als Dokument im Vorgang abgelegt.').waitFor();
    await docs.getByText('Telefonvermerk Café Sonnenschein').waitFor();

    // A second Vorgang, then move the letter there.
    await actions.getByRole('button', { name: 'Neuer Vorgang' }).click();
    await page.getByLabel('Titel des Vorgangs').fill('Schriftverkehr');
    await page.getByRole('button', { name: 'Vorgang anlegen' }).click();
    await page.getByText('Vorgang angelegt.').waitFor();
    const v2 = (await sb21('akten.get', { uuid: akte.uuid })).vorgaenge.find((v) => v.title === 'Schriftverkehr')!;
    await page.getByRole('navigation', { name: 'Vorgänge' }).getByRole('link', { name: new RegExp(esc(v1.aktenzeichen)) }).click();
    await actions.getByRole('button', { name: 'Dokument umlegen' }).click();
    const move = page.getByRole('form', { name: 'Dokument in anderen Vorgang umlegen' });
    await move.getByRole('option', { name: LETTER }).waitFor({ state: 'attached' });
    await move.getByLabel('Dokument', { exact: true }).selectOption(letter.uuid);
    await move.getByLabel('Passende offene Akten').selectOption(akte.uuid);
    await move.getByRole('option', { name: new RegExp('Schriftverkehr') }).waitFor({ state: 'attached' });
    await move.getByLabel('Ziel-Vorgang').selectOption(v2.uuid);
    await noA11yFindings(page);
    await screenshot(page, '32-dokument-umlegen');
    await move.getByRole('button', { name: 'Umlegen' }).click();
    await page.getByText(`Das Dokument liegt jetzt in ${akte.aktenzeichen}.`).waitFor();
    expect((await sb21('documents.get', { uuid: letter.uuid })).vorgangUuid).toBe(v2.uuid);
    expect((await sb21('audit.forObject', { uuid: letter.uuid })).map((e) => e.action)).toEqual([
      'document.create',
      'document.assignAmt',
      'document.file',
      'document.move',
    ]);

    // Mitzeichnung: the demo has one clerk per Amt, so the form says there is nobody to ask.
    await actions.getByRole('button', { name: 'Mitzeichnung erbitten' }).click();
    await page.getByText('In Ihrem Amt gibt es keine weitere Sachbearbeitung, die mitzeichnen könnte.').waitFor();
    await noA11yFindings(page);
    await page.getByRole('form', { name: 'Mitzeichnung erbitten' }).getByRole('button', { name: 'Abbrechen' }).click();

    // Search finds the letter and the Vermerk's text; the query is saved beside the results.
    await page.locator('#global-search').fill('Markisenhöhe');
    await page.locator('.results-wrap .result-title', { hasText: 'Telefonvermerk Café Sonnenschein' }).waitFor();
    await page.locator('#global-search').fill(WORD);
    await page.locator('.results-wrap .result-title', { hasText: LETTER }).waitFor();
    await page.getByLabel('Name der Suche').fill('Außengastronomie Amt 21');
    await page.getByRole('button', { name: 'Suche speichern' }).click();
    await page.getByRole('link', { name: /Außengastronomie Amt 21/ }).waitFor();
    await noA11yFindings(page);
    await screenshot(page, '33-suche-gespeichert');

    // Overview: the Wiedervorlage is due today, the new Akte is among "Meine Akten".
    await page.getByRole('link', { name: 'Übersicht' }).click();
    await page.getByRole('region', { name: 'Fällige Wiedervorlagen' }).getByText('Unterlagen zur Sondernutzung nachfordern').waitFor();
    await page.getByRole('region', { name: 'Meine Akten' }).getByText(akte.title).waitFor();
    await noA11yFindings(page);
    await screenshot(page, '34-uebersicht-meine-akten');

    // Akteneinsicht: the whole Akte as one PDF, checked with qpdf and pdftotext.
    await page.evaluate((hash) => (window.location.hash = hash), `#/akte/${akte.uuid}`);
    await expect.poll(() => heading(page).textContent()).toBe(akte.title);
    await actions.getByRole('button', { name: 'Akteneinsicht' }).click();
    await page.getByRole('button', { name: 'PDF erstellen' }).click();
    const link = page.getByRole('link', { name: /herunterladen/ });
    await link.waitFor();
    await noA11yFindings(page);
    await screenshot(page, '35-akteneinsicht');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = join(mkdtempSync(join(tmpdir(), 'eakte-einsicht-')), download.suggestedFilename());
    await download.saveAs(file);
    execFileSync('qpdf', ['--check', file]);
    const pages = Number(execFileSync('qpdf', ['--show-npages', file], { encoding: 'utf8' }));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Inhaltsverzeichnis');
    expect(text).toContain(LETTER);
    expect(text).toContain('Telefonvermerk Café Sonnenschein');
    expect(text).toContain(`Akteneinsicht ${akte.aktenzeichen} – Seite ${pages} von ${pages}`);

    // zdA closes the Akte.
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    await actions.getByRole('button', { name: 'zdA verfügen' }).click();
    await page.getByRole('form', { name: 'Akte zu den Akten verfügen (zdA)' }).getByRole('button', { name: 'zdA verfügen' }).click();
    await page.getByText('Die Akte ist zdA verfügt.').waitFor();
    expect((await sb21('akten.get', { uuid: akte.uuid })).status).toBe('zda');
    expect(app.pageErrors).toEqual([]);

    // A clerk of Amt 32 finds neither the letter nor the Akte.
    const sb32 = await server.as('sb32');
    expect((await sb32('search.query', { q: WORD })).hits).toEqual([]);
    await expect(sb32('akten.get', { uuid: akte.uuid })).rejects.toThrow(/records.not_found/);
    const other = await open('sb32');
    await other.page.locator('#global-search').fill(WORD);
    await other.page.getByText('Keine Treffer. Prüfen Sie die Schreibweise oder entfernen Sie Filter.').waitFor();
    await noA11yFindings(other.page);
    await screenshot(other.page, '36-amt32-sieht-nichts');
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLetterPdf } from '../../fixtures/demo/letter-pdf';
import { tempDir } from '../helpers/temp-dir';
import { noA11yFindings } from './helpers/axe';
import { launchBrowser, loginAs, openApp, screenshot, type AppPage } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/server';

let server: DemoServer;
let browser: Browser;
let app: AppPage | undefined;
const dir = tempDir('eakte-e2e-posteingang-');

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.stop();
  dir.remove();
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The post room takes in a born-digital letter for Amt 21 through the running app, as a drop would. */
async function takeIn(title: string, paragraphs: string[]): Promise<void> {
  const post = await server.as('poststelle');
  const file = join(dir.path, `${title}.pdf`);
  writeFileSync(file, await renderLetterPdf({
    docType: 'Schreiben', title, sender: 'Steuerberatung Kranz & Partner', recipient: 'Stadt Musterstadt', date: '2026-11-20', subject: title, paragraphs,
  }));
  await post('intake.start', { paths: [file], amtId: '21' });
}

describe('Posteingang with filing proposals (sb21)', () => {
  it('shows a Kassenzeichen proposal, accepts it by keyboard, and a correction changes the next similar proposal', async () => {
    const sb21 = await server.as('sb21');
    // two similar letters without any reference, and an Akte under a position the model has never seen
    const text = [
      'Unsere Mandantin betreibt seit dem Frühjahr einen Getränkehandel. Wir beantragen für die offenen Beträge eine Stundung bis zum Ende des Quartals und bieten monatliche Teilzahlungen an.',
    ];
    await takeIn('Stundungsantrag Getränkehandel', text);
    await takeIn('Nachtrag zum Stundungsantrag Getränkehandel', text);
    const plan = await sb21('aktenplan.tree', { amtId: '21' });
    const entry = plan.find((e) => e.number === '21.20.02')!;
    const newAkte = await sb21('akten.create', { aktenplanEntryUuid: entry.uuid, title: 'Stundungen Gewerbebetriebe 2026', firstVorgangTitle: 'Stundungsanträge' });

    // the background has the intake letters' proposals ready when they reach the Posteingang
    const inbox = async () => (await sb21('posteingang.list', { limit: 50 })).items;
    await expect.poll(async () => (await inbox()).filter((d) => d.title.includes('Stundungsantrag')).length, { timeout: 120_000 }).toBe(2);
    const byTitle = async (start: string) => (await inbox()).find((d) => d.title.startsWith(start))!;
    const first = await byTitle('Stundungsantrag');
    const second = await byTitle('Nachtrag');
    const [before] = await sb21('classify.proposals', { uuids: [second.uuid] });
    expect(before!.top!.kind).toBe('aktenplan');
    expect(before!.top!.aktenplanNumber).not.toBe('21.20.02');
    const kzLetter = (await inbox()).find((d) => d.docType === 'Ratenzahlungsantrag')!;

    app = await openApp(browser, server.url);
    const { page } = app;
    await loginAs(page, 'sb21');
    await page.getByRole('link', { name: 'Posteingang', exact: true }).click();
    const list = page.getByRole('listbox', { name: 'Eingegangene Dokumente' });
    const row = list.getByRole('option', { name: new RegExp(escape(kzLetter.title)) });
    await expect.poll(() => row.textContent()).toMatch(/Vorschlag 21\.30\.02-\d{4}\/\d{4} \(Kassenzeichen \d{3}-\d{4}-\d{6}\) · \d+\s%/);
    await page.getByText(/Automatische Ablage Amt 21.*: aus/).waitFor();
    await noA11yFindings(page);
    await screenshot(page, '30-posteingang-vorschlaege');

    // keyboard only: into the list, down to the letter, open it, take proposal 1 with Enter
    await list.focus();
    const options = await list.getByRole('option').allTextContents();
    const index = options.findIndex((o) => o.includes(kzLetter.title));
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: kzLetter.title }).waitFor();
    const proposals = page.getByRole('group', { name: 'Vorschläge (Taste 1, 2 oder 3)' });
    const top = proposals.getByRole('radio').first();
    await expect.poll(async () => (await proposals.locator('li').first().textContent()) ?? '').toMatch(/Gründe: Kassenzeichen \d{3}-\d{4}-\d{6}/);
    const kz = /Kassenzeichen (\d{3}-\d{4}-\d{6})/.exec((await proposals.locator('li').first().textContent())!)![1]!;
    expect(await page.locator('.posteingang-text mark', { hasText: kz }).count()).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Tastenkürzel im Posteingang' }).waitFor();
    await noA11yFindings(page);
    await screenshot(page, '31-posteingang-vorschlag-kassenzeichen');
    await page.keyboard.press('1');
    await expect.poll(() => top.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText(/Abgelegt in 21\.30\.02-.*Der Vorschlag wurde bestätigt\./).waitFor();
    const accepted = await sb21('documents.get', { uuid: kzLetter.uuid });
    expect(accepted.status).toBe('abgelegt');
    expect(accepted.aktenzeichen).toMatch(/^21\.30\.02-/);

    // correct the first Stundungsantrag into the new Akte in one step
    await list.getByRole('option', { name: new RegExp(`^${escape(first.title)}`) }).click();
    await page.getByRole('heading', { name: first.title, exact: true }).waitFor();
    await proposals.getByRole('radio').first().waitFor();
    await page.keyboard.press('a');
    const search = page.getByLabel('Akte suchen (Aktenzeichen oder Titel)');
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await search.fill(newAkte.aktenzeichen);
    await page.getByRole('radio', { name: new RegExp(escape(newAkte.aktenzeichen)) }).check();
    const vorgang = (await sb21('akten.get', { uuid: newAkte.uuid })).vorgaenge[0]!;
    await page.getByLabel('Vorgang', { exact: true }).selectOption(vorgang.uuid);
    await noA11yFindings(page);
    await page.getByRole('button', { name: 'Ablegen' }).click();
    await page.getByText(`Abgelegt in ${newAkte.aktenzeichen}. Die Korrektur wird für die nächsten Vorschläge gelernt.`).waitFor();

    // the similar letter is now proposed under the position the clerk chose
    const nextRow = list.getByRole('option', { name: new RegExp(escape(second.title)) });
    await expect.poll(() => nextRow.textContent(), { timeout: 60_000 }).toContain('Vorschlag 21.20.02');
    await nextRow.click();
    await page.getByRole('heading', { name: second.title }).waitFor();
    await expect.poll(async () => (await proposals.locator('li').first().textContent()) ?? '').toContain('21.20.02');
    const [after] = await sb21('classify.proposals', { uuids: [second.uuid] });
    expect(after!.top!.aktenplanNumber).toBe('21.20.02');
    await noA11yFindings(page);
    await screenshot(page, '32-posteingang-nach-korrektur');
    expect(app.pageErrors).toEqual([]);
    expect(app.cspViolations).toEqual([]);
  });
});

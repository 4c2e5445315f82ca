import { createHash } from 'node:crypto';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../../core/records/users';
import { digitalPdf } from '../../ocr/pipeline/testing/samples';
import { openDemoApp } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';
import { seriousA11yViolations } from './helpers/axe';
import { launchBrowser, OpenedPages, screenshot } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/server';

let server: DemoServer;
let browser: Browser;
const pages = new OpenedPages();
const dir = tempDir('eakte-e2e-document-edit-');
const scanner = tempDir('eakte-e2e-scanner-');

/**
 * The pages' parts added last: the clerk's document page (Mitzeichnung, metadata, new version) and the
 * post room's hot folder. One server for both keeps the suite short.
 */
beforeAll(async () => {
  // The server (a child process) looks at the hot folder every half second instead of every two.
  process.env.EAKTE_HOT_FOLDER_POLL_MS = '500';
  // The demo has one clerk per Amt; a colleague of Amt 21 is added so a Mitzeichnung can be asked for.
  const demo = await openDemoApp();
  await demo.app.store.write((tx) =>
    insertUser(tx, { uuid: '6a1f0a52-3c1d-4b7e-8f0a-2b3c4d5e6f80', username: 'sb21b', displayName: 'Lena Vogel (Amt 21)', grants: [{ role: 'sachbearbeitung', amtId: '21' }] }, new Date()),
  );
  await demo.app.close();
  [server, browser] = await Promise.all([startDemoServer({ prepare: (dataDir) => cpSync(demo.dataDir, dataDir, { recursive: true }) }), launchBrowser()]);
  rmSync(demo.dataDir, { recursive: true, force: true });
}, 180_000);

afterAll(async () => {
  delete process.env.EAKTE_HOT_FOLDER_POLL_MS;
  await pages.closeAll();
  await browser?.close();
  await server?.stop();
  dir.remove();
  scanner.remove();
});

describe('document page in the browser', () => {
  it('a clerk asks for a Mitzeichnung and sees it refused, corrects the metadata and uploads a new version; the core stores exactly that', async () => {
    const sb21 = await server.as('sb21');
    const sb21b = await server.as('sb21b');
    const akte = (await sb21('akten.list', { status: 'open', limit: 50 })).items.find((a) => a.documentCount > 0 && !a.legalHold)!;
    const doc = (await sb21('documents.list', { akteUuid: akte.uuid, limit: 1 })).items[0]!;

    const { page } = await pages.open(browser, server.url, 'sb21');
    await page.evaluate((h) => (window.location.hash = h), `#/dokument/${doc.uuid}`);
    const mz = page.getByRole('region', { name: 'Mitzeichnung' });
    await mz.getByText('Für dieses Dokument wurde keine Mitzeichnung erbeten.').waitFor();
    await mz.getByRole('button', { name: 'Mitzeichnung erbitten' }).click();
    const ask = page.getByRole('form', { name: 'Mitzeichnung erbitten' });
    await ask.getByLabel('Mitzeichnen soll').selectOption({ label: 'Lena Vogel (Amt 21)' });
    await ask.getByLabel('Hinweis zur Mitzeichnung').fill('Bitte Betrag prüfen');
    await ask.getByRole('button', { name: 'Mitzeichnung erbitten' }).click();
    await mz.getByText('Murat Yıldız (Amt 21) hat Lena Vogel (Amt 21) um Mitzeichnung gebeten').waitFor();
    await mz.getByText('offen', { exact: true }).waitFor();
    // The colleague refuses meanwhile: the open page shows it without a reload.
    const [request] = await sb21b('mitzeichnungen.list', { scope: 'mine', status: 'offen' });
    expect(request).toMatchObject({ documentUuid: doc.uuid, note: 'Bitte Betrag prüfen' });
    await sb21b('mitzeichnungen.decide', { uuid: request!.uuid, decision: 'abgelehnt', comment: 'Datum des Schreibens fehlt' });
    await mz.getByText('abgelehnt', { exact: true }).waitFor();
    await mz.getByText('Datum des Schreibens fehlt').waitFor();

    const meta = page.getByRole('region', { name: 'Metadaten' });
    await meta.getByRole('button', { name: 'Angaben ändern' }).click();
    const form = page.getByRole('form', { name: 'Angaben zum Dokument ändern' });
    await form.getByLabel('Datum des Schreibens').fill('2026-11-02');
    await form.getByLabel('Absender').fill('Sparkasse Rhein-Ruhr, Drittschuldnerabteilung');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Die Angaben wurden gespeichert.' }).waitFor();
    await page.getByRole('region', { name: 'Metadaten' }).getByText('Sparkasse Rhein-Ruhr, Drittschuldnerabteilung').waitFor();

    // A born-digital PDF through the streamed upload, as the browser sends it.
    const pdf = await digitalPdf(43);
    const file = join(dir.path, 'Verfügung berichtigt.pdf');
    writeFileSync(file, pdf);
    const before = (await sb21('documents.get', { uuid: doc.uuid })).versions.length;
    await page.getByRole('region', { name: 'Versionen' }).getByRole('button', { name: 'Neue Version hochladen' }).click();
    const upload = page.getByRole('form', { name: /Neue Version hochladen/ });
    await upload.getByLabel('Datei (PDF oder Bild)').setInputFiles(file);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await upload.getByRole('button', { name: 'Hochladen' }).click();
    await page.getByRole('status').filter({ hasText: `Version ${before + 1} wurde gespeichert und wird angezeigt.` }).waitFor();
    await expect.poll(() => page.locator('#doc-preview-title .panel-subtitle').textContent()).toContain('Verfügung berichtigt.pdf');
    await page.locator('canvas.viewer-canvas[aria-busy="false"]').waitFor({ timeout: 90_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '12-dokument-neue-version');

    const after = await sb21('documents.get', { uuid: doc.uuid });
    expect(after).toMatchObject({ documentDate: '2026-11-02', sender: 'Sparkasse Rhein-Ruhr, Drittschuldnerabteilung', title: doc.title });
    expect(after.versions.at(-1)).toMatchObject({
      versionNo: before + 1,
      fileName: 'Verfügung berichtigt.pdf',
      sha256: createHash('sha256').update(pdf).digest('hex'),
      createdBy: 'sb21',
    });
    // Each change has its audit entry (the signature checks the page made are audited in between).
    const changes = (await sb21('audit.forObject', { uuid: doc.uuid })).filter((e) => e.action.startsWith('document.') && !e.action.startsWith('document.verify'));
    expect(changes.slice(-2).map((e) => [e.action, e.actor])).toEqual([
      ['document.update', 'sb21'],
      ['document.version', 'sb21'],
    ]);
  });
});

describe('hot folder on the post room page', () => {
  it('the post room starts watching the scanners’ folder and sees a scan taken in', async () => {
    const { page } = await pages.open(browser, server.url, 'poststelle');
    await page.getByRole('tab', { name: 'Erfassung' }).click();
    const panel = page.getByRole('region', { name: 'Eingangsordner der Scanner' });
    await panel.getByText(/Es wird kein Eingangsordner überwacht/).waitFor();
    await panel.getByLabel('Pfad des Eingangsordners').fill(scanner.path);
    await panel.getByRole('button', { name: 'Überwachen' }).click();
    await panel.getByText('wird überwacht').waitFor();

    writeFileSync(join(scanner.path, 'Scan 0007.pdf'), await digitalPdf(45));
    // Files arriving send no event; the panel looks again by itself.
    await panel.getByText(/Scan 0007\.pdf \(/).waitFor({ timeout: 30_000 });
    // Its job is in the post room's list at once.
    await page.getByRole('region', { name: 'Aufträge' }).getByText('Scan 0007.pdf').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '13-poststelle-eingangsordner');
    const post = await server.as('poststelle');
    expect(await post('intake.hotFolderStatus', {})).toMatchObject({ path: scanner.path, running: true, lastError: null });
  });
});

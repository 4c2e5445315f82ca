import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeScanBatch } from '../../archive/digitalisate/testing/scan-batch';
import { noA11yFindings } from './helpers/axe';
import { launchBrowser, loginAs, openApp, screenshot, type AppPage, heading } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/server';

let server: DemoServer;
let browser: Browser;
let app: AppPage | undefined;
const work = mkdtempSync(join(tmpdir(), 'eakte-e2e-digitalisate-'));

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});


describe('Digitalisate (archiv)', () => {
  it('creates a unit, adds scanned pages, shows their technical metadata and packages it', async () => {
    const scans = writeScanBatch(work);
    const out = join(work, 'out');
    mkdirSync(out);

    app = await openApp(browser, server.url);
    const { page } = app;
    await loginAs(page, 'archiv');
    await page.getByRole('link', { name: 'Digitalisate', exact: true }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Digitalisate');
    await page.getByText('Noch keine Digitalisate.').waitFor();
    await noA11yFindings(page);

    const create = page.getByRole('form', { name: 'Verzeichnungseinheit anlegen' });
    await create.getByLabel('Bestand').fill('A 12 Ratsprotokolle');
    await create.getByLabel('Signatur').fill('Nr. 47');
    await create.getByLabel('Titel').fill('Protokolle des Stadtrats');
    await create.getByLabel('Laufzeit').fill('1901-1903');
    await create.getByLabel('Provenienz').fill('Stadtrat');
    await create.getByRole('button', { name: 'Anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nr. 47: Protokolle des Stadtrats' }).waitFor();
    await page.getByText('Noch keine Seiten.', { exact: false }).waitFor();

    await page.getByLabel('Scans (TIFF oder PNG, mehrere möglich)').setInputFiles(scans);
    await page.getByRole('button', { name: 'Seiten hinzufügen' }).click();
    await page.getByText('3 Seiten übernommen.').waitFor();
    const pages = page.getByRole('region', { name: 'Seiten (3)' });
    await pages.getByRole('row', { name: /scan-0002\.tif .*TIFF.*320 × 200.*300 dpi.*Farbe/ }).waitFor();
    await pages.getByRole('row', { name: /scan-0003\.png .*bitonal/ }).waitFor();
    // Previews are decoded from the masters: the image has drawn pixels, not a broken link.
    const preview = pages.getByRole('img', { name: 'Vorschau von Seite 2' });
    await preview.waitFor();
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);
    await noA11yFindings(page);
    await screenshot(page, '35-digitalisate-einheit');

    await page.getByLabel('Zielordner (leer: Magazin des Archivs)').fill(out);
    await page.getByRole('button', { name: 'Verpacken' }).click();
    // Packaging OCRs the access copy: wait with the locator's timeout, not poll's second.
    const done = page.getByText(/Paket geschrieben: .*\(\d+ Dateien\)/);
    await done.waitFor({ timeout: 60_000 });
    await noA11yFindings(page);

    const api = await server.as('archiv');
    const [unit] = await api('digitalisate.list', {});
    expect(unit).toMatchObject({ signatur: 'Nr. 47', pageCount: 3, submission: { pages: 3 } });
    const bag = join(out, unit!.unitId);
    for (const manifest of ['manifest-sha256.txt', 'tagmanifest-sha256.txt'])
      expect(spawnSync('sha256sum', ['--strict', '-c', manifest], { cwd: bag }).status).toBe(0);
  }, 120_000);

  it('streams a master of several MB from the browser and keeps it byte for byte', async () => {
    // Uncompressed noise: a few MB that no JSON body (1 MB limit) could carry, and that no codec shrinks.
    const tiff = join(work, 'grossformat-0001.tif');
    execFileSync('convert', ['-size', '1400x1000', 'xc:gray', '-seed', '7', '+noise', 'Random', '-type', 'TrueColor', '-depth', '8', '-compress', 'None', '-units', 'PixelsPerInch', '-density', '400', tiff]);
    const size = statSync(tiff).size;
    expect(size).toBeGreaterThan(4_000_000);
    const api = await server.as('archiv');
    const created = await api('digitalisate.createUnit', {
      bestand: 'K 3 Karten',
      signatur: 'Nr. 5',
      titel: 'Stadtplan',
      laufzeit: '1912',
      provenienz: 'Vermessungsamt',
    });

    const page = app!.page;
    await page.evaluate((h) => (window.location.hash = h), `#/archiv/digitalisate/${created.unitId}`);
    await page.getByRole('heading', { level: 1, name: 'Nr. 5: Stadtplan' }).waitFor();
    await page.getByLabel('Scans (TIFF oder PNG, mehrere möglich)').setInputFiles(tiff);
    await page.getByRole('button', { name: 'Seiten hinzufügen' }).click();
    await page.getByText('1 Seite übernommen.').waitFor({ timeout: 30_000 });
    await page.getByRole('region', { name: 'Seiten (1)' }).getByRole('row', { name: /grossformat-0001\.tif .*1400 × 1000.*400 dpi/ }).waitFor();

    const { pages } = await api('digitalisate.get', { unitId: created.unitId });
    expect(pages).toMatchObject([
      { fileName: 'grossformat-0001.tif', size, sha256: createHash('sha256').update(readFileSync(tiff)).digest('hex') },
    ]);
  }, 60_000);
});

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyObjects0503 } from '../../archive/ingest/testing/many-objects';
import { example } from '../../archive/xdomea/testing/system-xmllint';
import { seededIds } from '../../core/platform/ids';
import { noA11yFindings } from './helpers/axe';
import { launchBrowser, loginAs, openApp, screenshot, type AppPage, heading } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/server';

let server: DemoServer;
let browser: Browser;
let app: AppPage | undefined;
const work = mkdtempSync(join(tmpdir(), 'eakte-e2e-archiv-'));
const PROZESS = '9fde4e7a-b41b-11ec-9225-005056871b7c';
const message = example(`lavnrw-v3.0.0/${PROZESS}_Aussonderung.Aussonderung.0503.xml`);
const primary = example('lavnrw-v3.0.0/f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt');

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});


describe('Übernahme (archiv)', () => {
  it('receives a state archive’s 0503, shows the report, confirms, packages and runs fixity', async () => {
    // The example's primary text file grown to 1.5 MB of random text and stored uncompressed: the ZIP is
    // beyond the JSON API's 1 MB body, so only the streamed upload gets it to the core.
    const bigPrimary = join(work, basename(primary));
    writeFileSync(bigPrimary, `${readFileSync(primary, 'utf8')}\n${randomBytes(1_100_000).toString('base64')}\n`);
    const good = join(work, `${PROZESS}_Aussonderung.Aussonderung.0503.zip`);
    execFileSync('zip', ['-j', '-q', '-0', good, message, bigPrimary]);
    expect(statSync(good).size).toBeGreaterThan(1024 * 1024);

    app = await openApp(browser, server.url);
    const { page } = app;
    await loginAs(page, 'archiv');
    await page.getByRole('link', { name: 'Übernahme', exact: true }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Übernahme ins Archiv');
    await page.getByText('Noch keine Aussonderung eingegangen.').waitFor();
    await noA11yFindings(page);

    await page.getByLabel('Paket (ZIP)').setInputFiles(good);
    await page.getByRole('button', { name: 'Annehmen und prüfen' }).click();
    // Receiving validates the XSD and hashes the files: wait with the locator's timeout, not poll's second.
    await page
      .getByRole('heading', { level: 1, name: `Übernahme ${PROZESS}_Aussonderung.Aussonderung.0503.zip` })
      .waitFor();
    const report = page.getByRole('table', { name: 'Prüfbericht je Objekt' });
    await report.getByText('f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt (x-fmt/111', { exact: false }).waitFor();
    await page
      .getByText('Für diese ProzessID ist keine eigene Bewertung (0502) hinterlegt', { exact: false })
      .waitFor();
    await noA11yFindings(page);
    await screenshot(page, '30-uebernahme-bericht');

    const actions = page.getByRole('group', { name: 'Schritte' });
    await actions.getByRole('button', { name: 'Empfang und Übernahme bestätigen (0507/0506)' }).click();
    await page.getByText('Übernahme bestätigt: alle Objekte übernommen.').waitFor();
    await actions.getByRole('button', { name: 'Für DiPS.kommunal verpacken' }).click();
    await page.getByText(/Übergabepaket geschrieben: .*\(\d+ Dateien\)/).waitFor();
    await noA11yFindings(page);

    const api = await server.as('archiv');
    const [summary] = await api('archiv.list', {});
    const detail = await api('archiv.get', { receiptId: summary!.receiptId });
    // The hash the core took of the uploaded file, against GNU sha256sum of the file the browser sent.
    expect(detail.objects.flatMap((o) => o.files).map((f) => f.sha256)).toEqual([
      execFileSync('sha256sum', [bigPrimary], { encoding: 'utf8' }).split(' ')[0],
    ]);
    expect(summary).toMatchObject({
      prozessId: PROZESS,
      status: 'ok',
      confirmation: { accepted: true },
      submission: { target: 'dips-kommunal-bagit' },
    });

    await page.getByRole('link', { name: 'Zurück zur Übersicht' }).click();
    await page.getByRole('button', { name: 'Alle Pakete prüfen' }).click();
    await page.getByText(/1 Paket, \d+ Dateien geprüft: alle unverändert/).waitFor();
    await page.getByRole('region', { name: 'Eingegangene Aussonderungen' }).getByText('übernommen').waitFor();
    await noA11yFindings(page);
    await screenshot(page, '31-uebernahme-uebersicht');
  });

  it('shows each problem of a bad package per object in German', async () => {
    const folder = join(work, 'ordner');
    execFileSync('mkdir', ['-p', folder]);
    execFileSync('cp', [message, folder]);
    writeFileSync(join(folder, 'nicht-genannt.txt'), 'liegt im Paket, steht nicht in der Nachricht\n');
    const { page } = app!;
    await page.getByLabel('oder Pfad auf diesem Rechner (ZIP oder entpackter Ordner)').fill(folder);
    await page.getByRole('button', { name: 'Annehmen und prüfen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Übernahme ordner' }).waitFor();
    await page
      .getByText('Die Datei nicht-genannt.txt liegt im Paket, wird aber in der Nachricht nicht genannt.')
      .waitFor();
    await page
      .getByRole('table', { name: 'Prüfbericht je Objekt' })
      .getByText('Die Primärdatei f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt fehlt im Paket.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Für DiPS.kommunal verpacken' }).isDisabled()).toBe(true);
    await noA11yFindings(page);
    await screenshot(page, '32-uebernahme-fehler');
  });

  it('loads a large report page by page and shows the bad file in its object', async () => {
    // 12 Akten of 20 Dokumente: 252 objects, more than the first page of 200.
    const p = await manyObjects0503(join(work, 'gross'), seededIds(91), { akten: 12, perAkte: 20, empty: [11, 19] });
    const { page } = app!;
    await page.getByRole('link', { name: 'Zurück zur Übersicht' }).click();
    await page.getByLabel('oder Pfad auf diesem Rechner (ZIP oder entpackter Ordner)').fill(p.folder);
    await page.getByRole('button', { name: 'Annehmen und prüfen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Übernahme gross' }).waitFor();
    await page.getByText('200 von 252 Objekten angezeigt').waitFor();
    const report = page.getByRole('table', { name: 'Prüfbericht je Objekt' });
    expect(await report.getByText(p.bad!.dokument).count()).toBe(0);
    await page.getByRole('button', { name: 'Weitere Objekte laden' }).click();
    await page.getByText('252 von 252 Objekten angezeigt').waitFor();
    expect(await page.getByRole('button', { name: 'Weitere Objekte laden' }).count()).toBe(0);
    const row = report.getByRole('row').filter({ hasText: p.bad!.dokument });
    await row.getByText('Die Primärdatei ist leer.').waitFor();
    expect(await report.getByRole('row').last().textContent()).toContain(p.bad!.dokument);
    await noA11yFindings(page);
  });
});

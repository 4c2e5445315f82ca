import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digitalPdf } from '../../ocr/pipeline/testing/samples';
import { tempDir } from '../helpers/temp-dir';
import { seriousA11yViolations } from './helpers/axe';
import { launchBrowser, OpenedPages, screenshot } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/server';

let server: DemoServer;
let browser: Browser;
const pages = new OpenedPages();
const folder = tempDir('eakte-e2e-scanner-');

beforeAll(async () => {
  // The server (a child process) looks at the folder every half second instead of every two.
  process.env.EAKTE_HOT_FOLDER_POLL_MS = '500';
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
}, 180_000);

afterAll(async () => {
  delete process.env.EAKTE_HOT_FOLDER_POLL_MS;
  await pages.closeAll();
  await browser?.close();
  await server?.stop();
  folder.remove();
});

describe('hot folder on the post room page', () => {
  it('the post room starts watching the scanners’ folder and sees a scan taken in', async () => {
    const { page } = await pages.open(browser, server.url, 'poststelle');
    await page.getByRole('tab', { name: 'Erfassung' }).click();
    const panel = page.getByRole('region', { name: 'Eingangsordner der Scanner' });
    await panel.getByText(/Es wird kein Eingangsordner überwacht/).waitFor();
    await panel.getByLabel('Pfad des Eingangsordners').fill(folder.path);
    await panel.getByRole('button', { name: 'Überwachen' }).click();
    await panel.getByText('wird überwacht').waitFor();

    writeFileSync(join(folder.path, 'Scan 0007.pdf'), await digitalPdf(45));
    // Files arriving send no event; the panel looks again by itself.
    await panel.getByText(/Scan 0007\.pdf \(/).waitFor({ timeout: 30_000 });
    // Its job is in the post room's list at once.
    await page.getByRole('region', { name: 'Aufträge' }).getByText('Scan 0007.pdf').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '13-poststelle-eingangsordner');
    const post = await server.as('poststelle');
    expect(await post('intake.hotFolderStatus', {})).toMatchObject({ path: folder.path, running: true, lastError: null });
  });
});

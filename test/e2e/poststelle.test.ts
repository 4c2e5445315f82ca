import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankBack, imagePdf, renderLetter, renderPatchT } from '../../fixtures/samples/intake';
import { distinctiveWord, letter, SAMPLE_DPI } from '../../ocr/pipeline/testing/samples';
import { tempDir } from '../helpers/temp-dir';
import { noA11yFindings } from './helpers/axe';
import { launchBrowser, OpenedPages, screenshot, type AppPage } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/server';

// The server's OCR renders pages at the scan's resolution (not its 300 dpi default): the same words for
// less than half the recognition work; this test is about the post-room flow, OCR quality is measured in ocr/.
process.env.EAKTE_OCR_DPI = String(SAMPLE_DPI);

const SEEDS = [91, 92] as const;
// OCR on a shared two-core machine: these bound a hung run, they assert no speed.
const OCR_WAIT = 600_000;

let server: DemoServer;
let browser: Browser;
const pages = new OpenedPages();
const work = tempDir('eakte-e2e-post-');

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});

afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await server?.stop();
  work.remove();
});

const open = (username: string): Promise<AppPage> => pages.open(browser, server.url, username);


/** Letter A with its blank back, a patch-T separator sheet, letter B: one scanned batch, two documents. */
async function batchPdf(): Promise<string> {
  const [a, b] = SEEDS.map((s) => renderLetter(letter(s), SAMPLE_DPI));
  const file = join(work.path, 'Stapel Poststelle.pdf');
  writeFileSync(
    file,
    await imagePdf(
      [a!, blankBack(a!.width, a!.height, SEEDS[0]), await renderPatchT(SAMPLE_DPI), b!],
      SAMPLE_DPI,
    ),
  );
  return file;
}

describe('post room intake in the browser', () => {
  it(
    'uploads a batch, shows OCR progress, splits it at the separator, takes a turned page and makes it findable for Amt 21 only',
    async () => {
      const file = await batchPdf();
      const app = await open('poststelle');
      const { page } = app;
      // Thumbnails and filing run on the same busy cores as OCR.
      page.setDefaultTimeout(120_000);
      await page.getByRole('tab', { name: 'Erfassung' }).click();
      await noA11yFindings(page);

      await page.getByLabel('Dateien auswählen …').setInputFiles(file);
      await page.getByText('1 Datei gewählt').waitFor();
      await page.getByLabel('Absender (falls bekannt)').fill('Finanzamt Musterstadt');
      await page.getByLabel('Zuständiges Amt').selectOption('21');
      expect(await page.getByLabel(/Seiten vor der Ablage prüfen/).isChecked()).toBe(true);
      await screenshot(page, '40-poststelle-erfassung');
      await page.getByRole('button', { name: 'Übernehmen' }).click();
      await page.getByText('1 Stapel übernommen.').waitFor();

      // Live progress per page from the event stream while the pages are recognised.
      await page
        .getByRole('progressbar', { name: /^Fortschritt/ })
        .first()
        .waitFor({ timeout: OCR_WAIT });
      await expect
        .poll(() => page.locator('.job-progress .hint').first().textContent(), { timeout: OCR_WAIT })
        .toMatch(/Seite \d+ von \d+/);
      await screenshot(page, '41-poststelle-fortschritt');

      // The separator sheet split the batch: two documents wait for review.
      const reviewButtons = page.getByRole('button', { name: /prüfen$/ });
      await expect.poll(() => reviewButtons.count(), { timeout: OCR_WAIT, interval: 250 }).toBe(2);
      await noA11yFindings(page);

      await reviewButtons.first().click();
      const review = page.getByRole('region', { name: /^Prüfung:/ });
      await review.getByRole('img', { name: 'Vorschau Seite 1' }).waitFor({ timeout: OCR_WAIT });
      await review.getByText('Als Leerseite verworfen (Seite 2 des Stapels)').waitFor();
      await review.getByRole('button', { name: 'Seite 1 drehen' }).click();
      await review.getByText('gedreht um 90°').waitFor();
      await noA11yFindings(page);
      await screenshot(page, '42-poststelle-pruefung');
      await review.getByRole('button', { name: 'Bestätigen und ablegen' }).click();
      await review.waitFor({ state: 'detached', timeout: OCR_WAIT });

      await expect.poll(() => reviewButtons.count(), { timeout: OCR_WAIT, interval: 250 }).toBe(1);
      await reviewButtons.first().click();
      await page
        .getByRole('region', { name: /^Prüfung:/ })
        .getByRole('button', { name: 'Bestätigen und ablegen' })
        .click();

      await expect
        .poll(() => page.locator('.job-child .badge').allTextContents(), {
          timeout: OCR_WAIT,
          interval: 250,
        })
        .toEqual(['fertig', 'fertig']);
      await page
        .getByText(/Eingangsstempel \d{2}\.\d{2}\.\d{4}/)
        .first()
        .waitFor();
      await noA11yFindings(page);
      await screenshot(page, '43-poststelle-fertig');
      expect(app.pageErrors).toEqual([]);

      // What the core made of it: two documents for Amt 21, the first page turned to landscape.
      const post = await server.as('poststelle');
      const [batch] = (await post('intake.listJobs', { limit: 1, offset: 0 })).items;
      const results = batch!.children.map((c) => c.result!);
      expect(results.map((r) => r.pages)).toEqual([1, 1]);
      expect(results[0]!.blankPagesRemoved).toEqual([2]);
      const res = await fetch(`${server.origin}/files/version/${results[0]!.versionUuid}`, {
        headers: {
          Authorization: `Bearer ${server.token}`,
          'X-Eakte-Session': await sessionOf('poststelle'),
        },
      });
      const pdf = join(work.path, 'a.pdf');
      writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
      const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(
        execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }),
      )!;
      expect(Number(w)).toBeGreaterThan(Number(h));

      // A clerk of Amt 21 finds letter B's text through the search; Amt 30 does not.
      const word = distinctiveWord(SEEDS[1], [SEEDS[0]]);
      expect((await (await server.as('sb30'))('search.query', { q: word, limit: 5 })).total).toBe(0);
      const clerk = await open('sb21');
      await clerk.page.locator('#global-search').fill(word);
      const hits = clerk.page.getByRole('list', { name: 'Suchergebnisse' }).getByRole('link');
      await expect.poll(() => hits.count(), { timeout: 30_000 }).toBe(1);
      expect(await hits.first().locator('.result-title').textContent()).toBe(results[1]!.title);
      await noA11yFindings(clerk.page);
      await screenshot(clerk.page, '44-poststelle-suche-amt21');
    },
    OCR_WAIT * 3,
  );
});

async function sessionOf(username: string): Promise<string> {
  const res = await fetch(`${server.origin}/api/session.login`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  return ((await res.json()) as { value: { sessionId: string } }).value.sessionId;
}

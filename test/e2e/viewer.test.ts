import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../../contract/text-match';
import { imagePdf, renderLetter } from '../../fixtures/samples/intake';
import { batchOutcome } from '../../ocr/pipeline/batch-outcome';
import { distinctiveWord, letter, SAMPLE_DPI } from '../../ocr/pipeline/testing/samples';
import { tempDir } from '../helpers/temp-dir';
import { seriousA11yViolations } from './helpers/axe';
import { launchBrowser, OpenedPages, screenshot } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/server';

// The server's OCR renders pages at the scan's resolution (faster on a shared machine, same words).
process.env.EAKTE_OCR_DPI = String(SAMPLE_DPI);

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** Word boxes of one page from poppler's pdftotext (points, origin top left): an independent reading of the stored PDF. */
function popplerWords(file: string, page: number) {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
  const size = /<page width="([\d.]+)" height="([\d.]+)"/.exec(xml);
  const words = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5]!,
  }));
  return { width: Number(size![1]), height: Number(size![2]), words };
}

let server: DemoServer;
let browser: Browser;
const pages = new OpenedPages();
const dir = tempDir('eakte-e2e-viewer-');
let word = '';
let versionUuid = '';
let storedPdf = '';

/** A stored version as the clerk's browser gets it, saved for poppler. */
async function download(version: string, name: string): Promise<string> {
  const login = await fetch(`${server.origin}/api/session.login`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'sb21' }),
  });
  const { value } = (await login.json()) as { value: { sessionId: string } };
  const file = await fetch(`${server.origin}/files/version/${version}`, {
    headers: { Authorization: `Bearer ${server.token}`, 'X-Eakte-Session': value.sessionId },
  });
  expect(file.status).toBe(200);
  const path = join(dir.path, name);
  writeFileSync(path, Buffer.from(await file.arrayBuffer()));
  return path;
}

/** The drawn page's rectangle of a poppler word box (points from the top left). */
const onCanvas = (canvas: Rect, pageWidth: number, w: { xMin: number; yMin: number; xMax: number; yMax: number }): Rect => {
  const scale = canvas.width / pageWidth;
  return { x: canvas.x + w.xMin * scale, y: canvas.y + w.yMin * scale, width: (w.xMax - w.xMin) * scale, height: (w.yMax - w.yMin) * scale };
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  const sb21 = await server.as('sb21');
  // A word of the second letter that neither the first letter nor any demo document has.
  const seeds = [31, 32, 33, 34, 35, 36];
  for (let i = 1; i < seeds.length && !word; i++) {
    const candidate = distinctiveWord(seeds[i]!, [seeds[0]!]);
    if ((await sb21('search.query', { q: candidate, limit: 1 })).total === 0) word = candidate;
  }
  expect(word).not.toBe('');
  const second = seeds.find((s) => s !== seeds[0] && distinctiveWord(s, [seeds[0]!]) === word)!;

  // A two-page paper scan without any text layer: page 1 another letter, page 2 the one with the word.
  const scan = join(dir.path, 'scan.pdf');
  writeFileSync(scan, await imagePdf([renderLetter(letter(seeds[0]!), SAMPLE_DPI), renderLetter(letter(second), SAMPLE_DPI)], SAMPLE_DPI));
  const post = await server.as('poststelle');
  const started = await post('intake.start', { paths: [scan], amtId: '21', sender: 'Stadtwerke Musterstadt' });
  // OCR keeps the shared machine's cores busy; a poll may meet a connection the server just closed.
  const job = (uuid: string) => post('intake.getJob', { uuid }).catch(() => null);
  let batch = await job(started.batches[0]!.uuid);
  while (!batch || batchOutcome(batch) === 'pending') {
    await new Promise((r) => setTimeout(r, 250));
    batch = (await job(started.batches[0]!.uuid)) ?? batch;
  }
  const result = batch.children[0]?.result ?? batch.result;
  expect(result).toMatchObject({ pages: 2, ocr: { performed: true, pagesRecognized: 2 } });
  versionUuid = result!.versionUuid;

  storedPdf = await download(versionUuid, 'stored.pdf');
}, 900_000);

afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await server?.stop();
  dir.remove();
});

describe('document viewer in the browser', () => {
  it('opens a search hit in an OCR scan at its page with the word marked where it is printed; thumbnails, keys and zoom work', async () => {
    const app = await pages.open(browser, server.url, 'sb21');
    const { page } = app;

    await page.locator('body').press('/');
    await page.keyboard.type(word, { delay: 20 });
    await expect.poll(() => page.locator('.page-count[role=status]').textContent()).toBe('1 Treffer');
    await page.getByRole('list', { name: 'Suchergebnisse' }).getByRole('link').first().click();

    const viewer = page.getByRole('region', { name: /^Dokumentansicht / });
    // pdf.js loads on first use; on a busy machine that can take a while. A notice instead is a failure.
    await page.locator('.viewer, .preview .notice').first().waitFor({ timeout: 90_000 });
    expect(await page.locator('.preview .notice').allTextContents(), JSON.stringify(app.pageErrors)).toEqual([]);
    const canvas = viewer.locator('canvas.viewer-canvas');
    // Opened at page 2, the only page with the word, and marked there.
    await expect.poll(() => canvas.getAttribute('aria-label')).toBe('Seite 2 von 2');
    await expect.poll(() => viewer.locator('.viewer-hitcount').textContent()).toMatch(/^\d+ Treffer auf Seite 2$/);
    const mark = viewer.locator('.viewer-hit').first();
    await mark.waitFor();

    // Where poppler reads the word in the stored PDF, scaled onto the drawn page.
    const poppler = popplerWords(storedPdf, 2);
    const expected = poppler.words.find((w) => fold(w.text).startsWith(fold(word)));
    expect(expected, `poppler finds "${word}" on page 2`).toBeDefined();
    // Once pdf.js has drawn the page, the viewer scrolls the hit into view: measure after that, and both boxes
    // at once (a scroll between two separate reads moved one box but not the other on a busy machine).
    await expect.poll(() => canvas.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
    const { drawn, markRect } = await canvas.evaluate((c) => {
      const box = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      return { drawn: box(c), markRect: box(c.parentElement!.querySelector('.viewer-hit')!) };
    });
    expect(drawn.height / poppler.height).toBeCloseTo(drawn.width / poppler.width, 2);
    const wordRect = onCanvas(drawn, poppler.width, expected!);
    expect(overlap(markRect, wordRect) / (wordRect.width * wordRect.height)).toBeGreaterThan(0.6);
    expect(overlap(markRect, wordRect) / (markRect.width * markRect.height)).toBeGreaterThan(0.5);
    // The page is really drawn: the canvas has dark (printed) pixels inside the word's rectangle.
    const ink = await canvas.evaluate((el, r) => {
      const c = el as HTMLCanvasElement;
      const k = c.width / c.getBoundingClientRect().width;
      const box = c.getBoundingClientRect();
      const data = c.getContext('2d')!.getImageData((r.x - box.x) * k, (r.y - box.y) * k, Math.max(1, r.width * k), Math.max(1, r.height * k)).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
      return dark / (data.length / 4);
    }, wordRect);
    expect(ink).toBeGreaterThan(0.05);

    // Screen readers get the page's OCR text beside the image.
    expect(fold((await viewer.locator('.viewer-page .visually-hidden').textContent()) ?? '')).toContain(fold(word));

    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '06-dokument-viewer-treffer');

    // Thumbnails go to a page; that page has no hit to mark.
    await viewer.getByRole('navigation', { name: 'Seitenübersicht' }).getByRole('button', { name: 'Seite 1' }).click();
    await expect.poll(() => canvas.getAttribute('aria-label')).toBe('Seite 1 von 2');
    expect(await viewer.locator('.viewer-hit').count()).toBe(0);
    // Keys: End goes to the last page.
    await viewer.focus();
    await page.keyboard.press('End');
    await expect.poll(() => canvas.getAttribute('aria-label')).toBe('Seite 2 von 2');

    // Zoom: the drawn page and the mark grow together.
    const before = (await canvas.boundingBox())!.width;
    const markBefore = (await mark.boundingBox())!.width;
    await viewer.getByRole('button', { name: 'Vergrößern' }).click();
    await expect.poll(async () => (await canvas.boundingBox())!.width / before, { timeout: 10_000 }).toBeCloseTo(1.25, 2);
    expect((await mark.boundingBox())!.width / markBefore).toBeCloseTo(1.25, 1);
    expect(await viewer.locator('.viewer-zoom').textContent()).toBe('125 %');
    await screenshot(page, '07-dokument-viewer-zoom');

    expect(app.cspViolations).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('marks hits of a born-digital PDF (no word boxes stored) from its own text layer', async () => {
    const WORD = 'Vollstreckungsstelle';
    const sb21 = await server.as('sb21');
    const hit = (await sb21('search.query', { q: WORD, limit: 1 })).hits[0]!.document;
    const version = (await sb21('documents.get', { uuid: hit.uuid })).versions.at(-1)!;
    expect(await sb21('documents.locateHits', { versionUuid: version.uuid, q: WORD })).toEqual({ source: 'none', pages: [] });
    const file = await download(version.uuid, 'digital.pdf');

    const app = await pages.open(browser, server.url, 'sb21');
    const { page } = app;
    await page.evaluate((hash) => (location.hash = hash), `#/dokument/${hit.uuid}?q=${WORD}`);
    const viewer = page.getByRole('region', { name: /^Dokumentansicht / });
    await page.locator('.viewer, .preview .notice').first().waitFor({ timeout: 90_000 });
    expect(await page.locator('.preview .notice').allTextContents()).toEqual([]);
    const canvas = viewer.locator('canvas.viewer-canvas');
    await expect.poll(() => canvas.getAttribute('aria-label')).toBe('Seite 1 von 1');

    const poppler = popplerWords(file, 1);
    const expected = poppler.words.filter((w) => fold(w.text).includes(fold(WORD)));
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => viewer.locator('.viewer-hit').count()).toBe(expected.length);
    const drawn = (await canvas.boundingBox())!;
    const marks = await Promise.all((await viewer.locator('.viewer-hit').all()).map(async (m) => (await m.boundingBox())!));
    // Every word poppler reads is covered by a mark (a text run's share by characters, so not to the pixel).
    for (const w of expected) {
      const rect = onCanvas(drawn, poppler.width, w);
      expect(Math.max(...marks.map((m) => overlap(m, rect))) / (rect.width * rect.height)).toBeGreaterThan(0.6);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(app.cspViolations).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});

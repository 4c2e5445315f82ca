import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './helpers/axe';
import { launchBrowser, OpenedPages, screenshot, type AppPage } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/server';

// A word printed on every garnishment order of Amt 21's demo letters (sender "Stadt Musterstadt, Vollstreckungsstelle").
const WORD = 'Vollstreckungsstelle';

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

/** The only CSP refusal tolerated is framing blob: previews (host CSP lacks frame-src blob:), which the page handles. */
const unexpectedCsp = (app: AppPage) => app.cspViolations.filter((v) => !(v.includes("Framing 'blob:") || v.includes('frame-src')));

describe('search in the browser', () => {
  it('clerk of Amt 21 finds a demo letter as they type, sees the highlighted hit and opens the document', async () => {
    const api = await server.as('sb21');
    const expected = await api('search.query', { q: WORD, limit: 5 });
    expect(expected.total).toBeGreaterThan(0);

    const app = await open('sb21');
    const { page } = app;
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '02-sachbearbeitung-uebersicht');

    // The shortcuts are listed in the UI ("?"), and Esc closes the list again.
    await page.locator('body').press('?');
    const shortcuts = page.getByRole('region', { name: 'Tastenkürzel' });
    await shortcuts.getByText('Suchfeld fokussieren').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '02b-tastenkuerzel');
    await page.keyboard.press('Escape');
    await shortcuts.waitFor({ state: 'detached' });

    // "/" focuses the search box from anywhere; typing searches without pressing Enter.
    await page.locator('body').press('/');
    await page.keyboard.type(WORD, { delay: 20 });
    const results = page.getByRole('list', { name: 'Suchergebnisse' });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Treffer' }).first().textContent()).toBe(`${expected.total} Treffer`);
    const first = results.getByRole('link').first();
    expect(await first.locator('.result-title').textContent()).toBe(expected.hits[0]!.document.title);
    expect((await first.locator('mark').first().textContent())?.toLowerCase()).toContain(WORD.toLowerCase());
    // Only Amt 21's documents, as the core decides.
    for (const meta of await results.locator('.result-meta').allTextContents()) expect(meta).toContain('Amt 21');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '03-suche-treffer');

    // Keyboard: ↓ from the box to the first hit, Enter opens it.
    await page.locator('#global-search').press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.app-main h1').textContent()).toBe(expected.hits[0]!.document.title);
    await page.getByRole('complementary', { name: 'Metadaten' }).waitFor();
    await page.locator('.preview').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '04-dokument');
    expect(unexpectedCsp(app)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('clerk of Amt 32 searching the same word sees no document of Amt 21', async () => {
    const api = await server.as('sb32');
    const expected = await api('search.query', { q: WORD, limit: 200 });
    expect(expected.hits.every((h) => h.document.amtId !== '21')).toBe(true);

    const app = await open('sb32');
    const { page } = app;
    await page.locator('#global-search').fill(WORD);
    const status = page.locator('.page-count[role=status]');
    await expect.poll(() => status.textContent()).toBe(`${expected.total} Treffer`);
    const metas = await page.locator('.result-meta').allTextContents();
    expect(metas.filter((m) => m.includes('Amt 21'))).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '05-suche-amt32-keine-treffer-amt21');
    expect(unexpectedCsp(app)).toEqual([]);
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const SCREENSHOT_DIR = join(root, 'test-results', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface AppPage {
  page: Page;
  /** Content-Security-Policy violations reported by the page. */
  cspViolations: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

/** A fresh context (own sessionStorage and IndexedDB) as a German workstation would have it. */
export async function openApp(browser: Browser, url: string): Promise<AppPage> {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('Content Security Policy')) cspViolations.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
  return { page, cspViolations, pageErrors, close: () => context.close() };
}

/** Logs in on the login screen by choosing the demo user, and waits for the first work page. */
export async function loginAs(page: Page, username: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`\\b${username}\\b`) }).click();
  await page.locator('.app-main h1').first().waitFor();
}

/** The pages one test file opened, each in its own context and logged in; closed together after the file. */
export class OpenedPages {
  private readonly pages: AppPage[] = [];

  async open(browser: Browser, url: string, username: string | null): Promise<AppPage> {
    const app = await openApp(browser, url);
    this.pages.push(app);
    if (username) await loginAs(app.page, username);
    return app;
  }

  async closeAll(): Promise<void> {
    for (const p of this.pages.splice(0)) await p.close();
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // The event stream keeps the network busy, so wait for the page's own loading markers instead.
  await page.waitForFunction(() => !document.querySelector('.loading, .vrow-pending'));
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** The main heading of the shown page. */
export const heading = (page: Page) => page.locator('.app-main h1').first();

import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { germanMessage } from '../../contract/errors';
import { signPdf } from '../../archive/sign/sign-pdf';
import { pdfsig } from '../../archive/sign/testing/pdfsig';
import { createSignFixture, type SignFixture } from '../../archive/sign/testing/sign-fixture';
import { createSoftHsmToken } from '../../archive/sign/testing/softhsm';
import { storeLetter, storeVersion } from '../../archive/sign/testing/stored-letter';
import { makeTestPdf } from '../../archive/sign/testing/test-pdf';
import { openDemoApp } from '../helpers/demo-app';
import { seriousA11yViolations } from './helpers/axe';
import { launchBrowser, OpenedPages, screenshot, type AppPage } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/server';

let fx: SignFixture;
let server: DemoServer;
let browser: Browser;
const pages = new OpenedPages();
let letter: { documentUuid: string; versionUuid: string };
let cardLetter: { documentUuid: string; versionUuid: string };
let tampered: { documentUuid: string; versionUuid: string };
let p12File: string;

beforeAll(async () => {
  fx = await createSignFixture();
  p12File = fx.write('erika-mustermann.p12', fx.pki.signer.p12('Geheim!'));
  // The data folder is prepared before the server starts: a clerk's unsigned letter, and a signed
  // letter whose stored copy was changed by one byte afterwards.
  const demo = await openDemoApp({ clock: fx.clock });
  letter = await storeLetter(demo.app.deps, { username: 'sb21', amtId: '21', pdf: await makeTestPdf({ font: fx.font }), title: 'Bescheid zur Unterschrift' });
  cardLetter = await storeLetter(demo.app.deps, { username: 'sb21', amtId: '21', pdf: await makeTestPdf({ font: fx.font }), title: 'Bescheid für die Karte' });
  tampered = await storeLetter(demo.app.deps, { username: 'sb21', amtId: '21', pdf: await makeTestPdf({ font: fx.font }), title: 'Bescheid mit Änderung' });
  const { pdf } = await signPdf(await makeTestPdf({ font: fx.font }), { signer: await fx.signer(fx.pki.signer), clock: fx.clock });
  const changed = Buffer.from(pdf);
  const at = changed.indexOf('stream\n') + 20;
  changed[at] = changed[at]! ^ 0x01;
  tampered.versionUuid = await storeVersion(demo.app.deps, 'sb21', tampered.documentUuid, changed);
  await demo.app.close();
  // A SoftHSM2 token stands in for the clerk's signature card; the server inherits SOFTHSM2_CONF.
  const token = createSoftHsmToken(fx.dir, { label: 'Dienstkarte', pin: '246810', keys: [{ identity: fx.pki.ecSigner, label: 'signatur' }], caCert: fx.pki.caCert });
  process.env.SOFTHSM2_CONF = token.config;
  writeFileSync(join(demo.dataDir, 'sign.json'), JSON.stringify({ trustStore: [fx.pki.caCert], pkcs11Module: token.modulePath }));
  [server, browser] = await Promise.all([
    startDemoServer({ prepare: (dataDir) => cpSync(demo.dataDir, dataDir, { recursive: true }) }),
    launchBrowser(),
  ]);
  rmSync(demo.dataDir, { recursive: true, force: true });
}, 180_000);

afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await server?.stop();
  fx?.remove();
});

async function openDocument(uuid: string): Promise<AppPage> {
  const app = await pages.open(browser, server.url, 'sb21');
  await app.page.evaluate((h) => (window.location.hash = h), `#/dokument/${uuid}`);
  return app;
}

describe('signing in the browser', () => {
  it('a clerk signs a letter with a .p12 file and a visible stamp; the panel shows the signature valid; pdfsig agrees', async () => {
    const { page } = await openDocument(letter.documentUuid);
    const panel = page.getByRole('region', { name: /Signaturen/ });
    await panel.getByText('Diese Version ist nicht signiert.').waitFor();

    await panel.getByRole('button', { name: 'Signieren' }).click();
    const dialog = page.getByRole('form', { name: /Dokument signieren/ });
    await dialog.getByLabel('Schlüsseldatei', { exact: true }).setInputFiles(p12File);
    await dialog.getByLabel('Passwort der Schlüsseldatei').fill('Geheim!');
    await dialog.getByLabel('Grund der Signatur').fill('Bescheid erlassen');
    await dialog.getByLabel('Sichtbaren Signaturstempel anbringen').check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '07-signieren-dialog');
    await dialog.getByRole('button', { name: 'Signieren' }).click();

    await panel.getByRole('status').filter({ hasText: 'Version 2 enthält die Signatur' }).waitFor();
    // The page shows the signed version at once, without navigating away.
    await page.getByRole('region', { name: 'Versionen' }).getByRole('listitem').filter({ hasText: 'Version 2' }).getByText('wird angezeigt').waitFor();
    const item = panel.getByRole('listitem', { name: 'Signatur von Erika Mustermann' });
    await item.waitFor();
    expect(await item.getAttribute('class')).toContain('signature-valid');
    expect(await item.locator('.badge').textContent()).toContain('gültig');
    expect(await item.textContent()).toContain('Bescheid erlassen');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '07-signatur-gueltig');

    // Version 1, picked in the viewer after a reload, is shown unsigned and cannot be signed any more.
    await page.reload();
    await panel.getByRole('listitem', { name: 'Signatur von Erika Mustermann' }).waitFor();
    await page.getByRole('button', { name: /Version 1 anzeigen/ }).click();
    await panel.getByText('Diese Version ist nicht signiert.').waitFor();
    expect(await panel.getByRole('button', { name: 'Signieren' }).count()).toBe(0);

    // The stored new version, as the browser downloads it, is valid for poppler too; version 1 is unchanged.
    const sb21 = await server.as('sb21');
    const doc = await sb21('documents.get', { uuid: letter.documentUuid });
    expect(doc.versions.map((v) => v.versionNo)).toEqual([1, 2]);
    const { value } = (await (
      await fetch(`${server.origin}/api/session.login`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'sb21' }),
      })
    ).json()) as { value: { sessionId: string } };
    const file = await fetch(`${server.origin}/files/version/${doc.versions[1]!.uuid}`, {
      headers: { Authorization: `Bearer ${server.token}`, 'X-Eakte-Session': value.sessionId },
    });
    const [theirs] = pdfsig(fx.write('ui-signed.pdf', Buffer.from(await file.arrayBuffer())), fx.nssDir);
    expect(theirs).toMatchObject({ commonName: 'Erika Mustermann', signatureValidation: 'Signature is Valid.' });
  });

  it('a clerk signs with a signature card (SoftHSM2) and PIN; the panel shows the signature valid', async () => {
    const { page } = await openDocument(cardLetter.documentUuid);
    const panel = page.getByRole('region', { name: /Signaturen/ });
    await panel.getByText('Diese Version ist nicht signiert.').waitFor();
    await panel.getByRole('button', { name: 'Signieren' }).click();
    const dialog = page.getByRole('form', { name: /Dokument signieren/ });
    await dialog.getByLabel('Signaturkarte').check();
    await dialog.getByLabel('Name der Karte').fill('Dienstkarte');
    await dialog.getByLabel('PIN').fill('246810');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Signieren' }).click();
    const item = panel.getByRole('listitem', { name: 'Signatur von Jörg Beispiel' });
    await item.waitFor();
    expect(await item.getAttribute('class')).toContain('signature-valid');
    const sb21 = await server.as('sb21');
    const audit = await sb21('audit.forObject', { uuid: cardLetter.documentUuid });
    expect(audit.find((e) => e.action === 'document.sign')?.details).toMatchObject({ keyKind: 'pkcs11', level: 'B-B' });
  });

  it('a tampered signed letter shows its signature red with the German reason', async () => {
    const { page } = await openDocument(tampered.documentUuid);
    const panel = page.getByRole('region', { name: /Signaturen/ });
    const item = panel.getByRole('listitem', { name: 'Signatur von Erika Mustermann' });
    await item.waitFor();
    expect(await item.getAttribute('class')).toContain('signature-invalid');
    expect(await item.locator('.badge').textContent()).toContain('ungültig');
    expect(await item.textContent()).toContain(germanMessage('sign.digest_mismatch'));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '07-signatur-ungueltig');
  });

  it('a wrong password gives the German message in the dialog and no new version', async () => {
    const { page } = await openDocument(tampered.documentUuid);
    const panel = page.getByRole('region', { name: /Signaturen/ });
    await panel.getByRole('listitem').first().waitFor();
    await panel.getByRole('button', { name: 'Signieren' }).click();
    const dialog = page.getByRole('form', { name: /Dokument signieren/ });
    await dialog.getByLabel('Schlüsseldatei', { exact: true }).setInputFiles(p12File);
    await dialog.getByLabel('Passwort der Schlüsseldatei').fill('falsch');
    await dialog.getByRole('button', { name: 'Signieren' }).click();
    await dialog.getByRole('alert').filter({ hasText: germanMessage('sign.wrong_password') }).waitFor();
    const sb21 = await server.as('sb21');
    expect((await sb21('documents.get', { uuid: tampered.documentUuid })).versions).toHaveLength(2);
  });
});

import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { example, officialSchema, xpathCount, xpathString } from '../xdomea/testing/system-xmllint';
import { buildConfirmations, confirmationInputOf, writeConfirmations } from './confirm';
import { receivePackage } from './report-tree';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ingest-confirm-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lavnrw = example(
  'lavnrw-v3.0.0/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml',
);
const lavnrwFile = example('lavnrw-v3.0.0/f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt');
const thueringen = example('thueringen-toolkit-v3.0.0/xx_Aussonderung.Aussonderung.0503.xml');

async function received(files: readonly string[]) {
  const folder = path.join(dir, 'in');
  await mkdir(folder);
  for (const f of files) await copyFile(f, path.join(folder, path.basename(f)));
  return receivePackage(folder, path.join(dir, 'work'));
}

async function written(name: string, xml: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, xml);
  // Throws, and so fails the test, when the system xmllint finds the message invalid.
  execFileSync('xmllint', ['--noout', '--nonet', '--schema', officialSchema('3.1.0'), file], {
    stdio: 'pipe',
  });
  return file;
}

describe('confirmations', () => {
  it('confirms a complete Aussonderung with XSD-valid 0507 and 0506 under the same ProzessID', async () => {
    const report = await received([lavnrw, lavnrwFile]);
    const xml = await writeConfirmations(buildConfirmations(confirmationInputOf(report), '2026-11-23T10:00:00Z'));
    const receipt = await written('0507.xml', xml.receiptXml);
    const confirmation = await written('0506.xml', xml.importConfirmationXml);
    expect(xpathString(receipt, 'string(//*[local-name()="ProzessID"])')).toBe(
      '9fde4e7a-b41b-11ec-9225-005056871b7c',
    );
    expect(xpathString(confirmation, 'string(//*[local-name()="ProzessID"])')).toBe(
      '9fde4e7a-b41b-11ec-9225-005056871b7c',
    );
    expect(xpathCount(confirmation, '//*[local-name()="Erfolgreich"][.="true" or .="1"]')).toBe(1);
  });

  it('reports the missing file of the Thüringen example as a failed import', async () => {
    const report = await received([thueringen]);
    const xml = await writeConfirmations(buildConfirmations(confirmationInputOf(report), '2026-11-23T10:00:00Z'));
    const confirmation = await written('0506.xml', xml.importConfirmationXml);
    expect(xpathCount(confirmation, '//*[local-name()="Erfolgreich"][.="false" or .="0"]')).toBe(1);
    expect(xpathString(confirmation, 'string(//*[local-name()="Fehlermeldung"])')).toContain('file_missing');
  });
});

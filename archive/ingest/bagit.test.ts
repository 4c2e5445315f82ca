import { execFileSync, spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { example, xpathCount, xpathString } from '../xdomea/testing/system-xmllint';
import { bagitPackager } from './bagit';
import { workFolderContent } from './packager';
import { receivePackage } from './report-tree';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ingest-bagit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lavnrw = example(
  'lavnrw-v3.0.0/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml',
);
const lavnrwFile = example('lavnrw-v3.0.0/f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt');

async function bagOfExample(): Promise<string> {
  const folder = path.join(dir, 'in');
  await mkdir(folder);
  for (const f of [lavnrw, lavnrwFile]) await copyFile(f, path.join(folder, path.basename(f)));
  const report = await receivePackage(folder, path.join(dir, 'work'));
  const written = await bagitPackager.write(
    workFolderContent(report),
    { receivedAt: '2026-11-23T10:00:00Z', xdomeaVersion: '3.0.0' },
    path.join(dir, 'out'),
  );
  return written.path;
}

const sha256sumCheck = (bag: string, manifest: string) =>
  spawnSync('sha256sum', ['--strict', '-c', manifest], { cwd: bag, encoding: 'utf8' });

describe('BagIt submission package', () => {
  it('passes sha256sum -c on both manifests and holds the primary file and the original message', async () => {
    const bag = await bagOfExample();
    expect(await readFile(path.join(bag, 'bagit.txt'), 'utf8')).toBe(
      'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n',
    );
    expect(sha256sumCheck(bag, 'manifest-sha256.txt').status).toBe(0);
    expect(sha256sumCheck(bag, 'tagmanifest-sha256.txt').status).toBe(0);
    expect(await readFile(path.join(bag, 'data/primary', path.basename(lavnrwFile)))).toEqual(
      await readFile(lavnrwFile),
    );
    expect(await readFile(path.join(bag, 'data/message', path.basename(lavnrw)))).toEqual(
      await readFile(lavnrw),
    );
    const manifested = (await readFile(path.join(bag, 'manifest-sha256.txt'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => l.slice(66));
    const onDisk = execFileSync('find', ['data', '-type', 'f'], { cwd: bag, encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(manifested.sort()).toEqual(onDisk.sort());
    const info = await readFile(path.join(bag, 'bag-info.txt'), 'utf8');
    const octets = execFileSync('sh', ['-c', 'cat $(find data -type f) | wc -c'], {
      cwd: bag,
      encoding: 'utf8',
    }).trim();
    expect(info).toContain(`Payload-Oxum: ${octets}.${onDisk.length}\n`);
  });

  it('notices a changed payload file through sha256sum', async () => {
    const bag = await bagOfExample();
    await writeFile(path.join(bag, 'data/primary', path.basename(lavnrwFile)), 'changed');
    expect(sha256sumCheck(bag, 'manifest-sha256.txt').status).not.toBe(0);
  });

  it('writes well-formed METS and PREMIS whose files exist and each have a fixity event', async () => {
    const bag = await bagOfExample();
    const mets = path.join(bag, 'data/metadata/mets.xml');
    const premis = path.join(bag, 'data/metadata/premis.xml');
    execFileSync('xmllint', ['--noout', '--nonet', mets, premis]);
    expect(xpathString(mets, 'namespace-uri(/*)')).toBe('http://www.loc.gov/METS/');
    expect(xpathString(premis, 'namespace-uri(/*)')).toBe('http://www.loc.gov/premis/v3');
    const fileCount = xpathCount(mets, '//*[local-name()="file"]');
    expect(fileCount).toBe(2);
    for (let i = 1; i <= fileCount; i++) {
      const id = xpathString(mets, `string((//*[local-name()="file"])[${i}]/@ID)`);
      const href = xpathString(
        mets,
        `string((//*[local-name()="file"])[${i}]/*[local-name()="FLocat"]/@*[local-name()="href"])`,
      );
      expect(existsSync(path.join(bag, 'data', href))).toBe(true);
      expect(
        xpathCount(
          premis,
          `//*[local-name()="event"][*[local-name()="eventType"]="fixity check"][.//*[local-name()="linkingObjectIdentifierValue"]="${id}"]`,
        ),
      ).toBe(1);
    }
    expect(xpathCount(mets, '//*[local-name()="structMap"]//*[local-name()="div"][@TYPE="Vorgang"]')).toBe(
      xpathCount(lavnrw, '//*[local-name()="Vorgang"]'),
    );
    expect(
      xpathString(
        premis,
        'string(//*[local-name()="event"][*[local-name()="eventType"]="virus check"]//*[local-name()="eventOutcome"])',
      ),
    ).toBe('not performed');
  });
});

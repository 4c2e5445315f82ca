import { copyFile, mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { example } from '../xdomea/testing/system-xmllint';
import { bagitPackager } from './bagit';
import { workFolderContent } from './packager';
import { checkBagFixity } from './bag-fixity';
import { receivePackage } from './report-tree';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ingest-fixity-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lavnrw = example(
  'lavnrw-v3.0.0/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml',
);
const lavnrwFile = example('lavnrw-v3.0.0/f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt');

async function bag(): Promise<string> {
  const folder = path.join(dir, 'in');
  await mkdir(folder);
  for (const f of [lavnrw, lavnrwFile]) await copyFile(f, path.join(folder, path.basename(f)));
  const report = await receivePackage(folder, path.join(dir, 'work'));
  return (
    await bagitPackager.write(workFolderContent(report), { receivedAt: '2026-11-23T10:00:00Z', xdomeaVersion: '3.0.0' }, dir)
  ).path;
}

describe('checkBagFixity', () => {
  it('finds nothing in a fresh bag, then each kind of change', async () => {
    const b = await bag();
    expect(await checkBagFixity(b)).toEqual([]);
    await writeFile(path.join(b, 'data/primary', path.basename(lavnrwFile)), 'changed');
    await unlink(path.join(b, 'data/metadata/premis.xml'));
    await writeFile(path.join(b, 'data/primary/extra.txt'), 'x');
    expect(await checkBagFixity(b)).toEqual([
      { file: `data/primary/${path.basename(lavnrwFile)}`, change: 'changed' },
      { file: 'data/metadata/premis.xml', change: 'missing' },
      { file: 'data/primary/extra.txt', change: 'unlisted' },
    ]);
  });
});

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFileProvider } from '../../../core/platform/key-provider';
import { openDemoApp, type DemoApp, type DemoSession } from '../../../test/helpers/demo-app';
import { tempDir } from '../../../test/helpers/temp-dir';
import { example } from '../../xdomea/testing/system-xmllint';

const PROZESS = '9fde4e7a-b41b-11ec-9225-005056871b7c';
const message = example(`lavnrw-v3.0.0/${PROZESS}_Aussonderung.Aussonderung.0503.xml`);
const primary = example('lavnrw-v3.0.0/f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt');

const dir = tempDir('eakte-package-sealed-');
const keys = tempDir('eakte-package-sealed-keys-');
let app: DemoApp;
let archivist: DemoSession;
beforeAll(async () => {
  app = await openDemoApp({ keys: keyFileProvider(keys.path) });
  archivist = await app.login('archiv');
});
afterAll(async () => {
  await app.close();
  dir.remove();
  keys.remove();
});

/** Receives the LAV NRW example from a folder of its own: the blobs it leaves are sealed. */
async function receive(name: string): Promise<void> {
  const folder = path.join(dir.path, name);
  mkdirSync(folder);
  for (const f of [message, primary]) copyFileSync(f, path.join(folder, path.basename(f)));
  expect((await archivist.ok('archiv.receive', { source: { kind: 'path', path: folder } })).status).not.toBe('error');
}

describe('package from an encrypted store', () => {
  it('decrypts the sealed blobs into a bag that sha256sum checks; a tampered blob leaves no bag and no register entry', async () => {
    await receive('first');
    const blobs = app.app.store.blobs;
    const hash = spawnSync('sha256sum', [primary], { encoding: 'utf8' }).stdout.slice(0, 64);
    const sealed = readFileSync(blobs.pathOf(hash));
    expect(sealed.subarray(0, 8).toString()).toBe('EAKTEBL1');

    // A changed blob: the package fails with the store's German error and leaves nothing behind.
    const flipped = Buffer.from(sealed);
    flipped[40] = flipped[40]! ^ 1;
    writeFileSync(blobs.pathOf(hash), flipped);
    const out = path.join(dir.path, 'repo');
    mkdirSync(out);
    const failed = await archivist.fails('archiv.package', { prozessId: PROZESS, outDir: out });
    expect(failed.code).toBe('store.blob_hash_mismatch');
    expect(failed.message).toMatch(/[äöüß]|Datei|Inhalt/);
    expect(readdirSync(out)).toEqual([]);

    writeFileSync(blobs.pathOf(hash), sealed);
    const packaged = await archivist.ok('archiv.package', { prozessId: PROZESS, outDir: out });
    expect(packaged.repeated).toBe(false); // the failed attempt registered nothing
    const bag = packaged.path;
    for (const manifest of ['manifest-sha256.txt', 'tagmanifest-sha256.txt'])
      expect(spawnSync('sha256sum', ['--strict', '--quiet', '-c', manifest], { cwd: bag }).status).toBe(0);
    expect(readFileSync(path.join(bag, 'data/primary', path.basename(primary)))).toEqual(readFileSync(primary));
    expect(existsSync(path.join(bag, 'data/message', path.basename(message)))).toBe(true);
    expect((await archivist.ok('archiv.fixityRun', {})).results.map((r) => r.outcome)).toEqual(['ok']);
  });
});

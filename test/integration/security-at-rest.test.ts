import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import { germanMessage } from '../../contract/errors';
import { keyFileProvider } from '../../core/platform/key-provider';
import { loadBlobKey } from '../../core/store/blobs/blob-key';
import { createFileBlobStore } from '../../core/store/blobs/blob-store';
import { createApp } from '../../host/create-app';
import { copyDemoDataDir } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'eakte.mjs');
const cleanup: (() => void)[] = [];
afterAll(() => cleanup.forEach((c) => c()));
const scratch = () => {
  const d = tempDir('eakte-rest-');
  cleanup.push(d.remove);
  return d.path;
};
const demoCopy = async () => {
  const d = await copyDemoDataDir();
  cleanup.push(d.remove);
  return d.path;
};

const blobFiles = (dataDir: string) =>
  readdirSync(join(dataDir, 'blobs', 'sha256'), { recursive: true, encoding: 'utf8' })
    .map((p) => join(dataDir, 'blobs', 'sha256', p))
    .filter((p) => statSync(p).isFile());
const sealed = (file: string) => readFileSync(file).subarray(0, 8).toString() === 'EAKTEBL1';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (isAppError(e) ? { code: e.code, text: germanMessage(e.code, e.params) } : Promise.reject(e)),
  );

function eakte(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('data at rest', () => {
  it('seals an existing store on first open with a key: every blob stays readable, none is left in plain text', async () => {
    const dataDir = await demoCopy();
    const before = blobFiles(dataDir);
    expect(before.length).toBeGreaterThan(5);
    expect(before.some((f) => readFileSync(f).subarray(0, 5).toString() === '%PDF-')).toBe(true);
    const keyDir = scratch();

    const app = await createApp({ dataDir, mode: 'cli', keys: keyFileProvider(keyDir) });
    const after = blobFiles(dataDir);
    expect(after.sort()).toEqual(before.sort());
    for (const file of after) {
      expect(sealed(file)).toBe(true);
      expect(readFileSync(file).includes('%PDF-')).toBe(false);
      expect((await app.store.blobs.verify(file.split('/').pop()!)).hash).toBe(file.split('/').pop());
    }
    await app.close();

    // The key is neither in the data folder nor readable for other accounts.
    const [keyFile] = readdirSync(keyDir);
    expect(statSync(join(keyDir, keyFile!)).mode & 0o077).toBe(0);
    const key = Buffer.from(readFileSync(join(keyDir, keyFile!), 'utf8'), 'base64');
    for (const file of readdirSync(dataDir, { recursive: true, encoding: 'utf8' })) {
      const p = join(dataDir, file);
      if (statSync(p).isFile()) expect(readFileSync(p).includes(key)).toBe(false);
    }

    // Without the key (another front end, a copied folder) the store refuses to open, in German.
    const noKey = await failure(createApp({ dataDir, mode: 'cli' }));
    expect(noKey).toMatchObject({ code: 'keys.unavailable' });
    expect(noKey!.text).toMatch(/Schlüssel/);
    expect(await failure(createApp({ dataDir, mode: 'cli', keys: keyFileProvider(scratch()) }))).toMatchObject({ code: 'keys.unavailable' });
    const again = await createApp({ dataDir, mode: 'cli', keys: keyFileProvider(keyDir) });
    await again.close();

    // A damaged envelope is named as such (restore from backup), never a crash or a new key.
    const envelope = join(dataDir, 'keys', 'blob-key.json');
    const good = readFileSync(envelope);
    for (const bad of ['{"format":"eakte-blob-key"', '{}']) {
      writeFileSync(envelope, bad);
      expect(await failure(createApp({ dataDir, mode: 'cli', keys: keyFileProvider(keyDir) }))).toMatchObject({ code: 'keys.envelope_invalid' });
    }
    writeFileSync(envelope, good);
  });

  it('never loses a blob when killed during sealing, and a later open finishes the job', async () => {
    const dataDir = await demoCopy();
    const plain = createFileBlobStore(join(dataDir, 'blobs'));
    // Enough extra content that the kills land in the middle of the pass.
    for (let i = 0; i < 150; i++) await plain.put(randomBytes(200_000));
    const hashes = blobFiles(dataDir).map((f) => f.split('/').pop()!);
    const keyDir = scratch();
    const script = `
      import { openStore } from ${JSON.stringify(join(import.meta.dirname, '../../core/store/store.ts'))};
      import { keyFileProvider } from ${JSON.stringify(join(import.meta.dirname, '../../core/platform/key-provider.ts'))};
      import { silentLogger } from ${JSON.stringify(join(import.meta.dirname, '../../core/platform/logger.ts'))};
      process.stdout.write('opening\\n');
      const store = await openStore({ dataDir: ${JSON.stringify(dataDir)}, logger: silentLogger, now: new Date(), keys: keyFileProvider(${JSON.stringify(keyDir)}) });
      await store.close();
      process.stdout.write('done\\n');
    `;
    const run = (killAfterMs: number | null) =>
      new Promise<boolean>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (killAfterMs !== null && out.includes('opening')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        });
        child.on('exit', () => resolve(out.includes('done')));
      });

    const states: string[] = [];
    for (const delay of [150, 300, 450, 600, 800, 1000]) {
      await run(delay);
      const key = await loadBlobKey(dataDir, keyFileProvider(keyDir)).catch(() => undefined);
      const check = createFileBlobStore(join(dataDir, 'blobs'), key);
      for (const h of hashes) expect((await check.verify(h)).hash).toBe(h);
      const n = blobFiles(dataDir).filter(sealed).length;
      states.push(`${n}/${hashes.length}`);
    }
    expect(await run(null)).toBe(true);
    expect(blobFiles(dataDir).every(sealed)).toBe(true);
    expect(blobFiles(dataDir)).toHaveLength(hashes.length);
    const app = await createApp({ dataDir, mode: 'cli', keys: keyFileProvider(keyDir), logSinks: [] });
    for (const h of hashes) expect((await app.store.blobs.verify(h)).hash).toBe(h);
    const check = await app.store.reader.get<{ integrity_check: string }>('PRAGMA integrity_check');
    expect(check?.integrity_check).toBe('ok');
    await app.close();
    console.log(`sealed after each kill: ${states.join(', ')}`);
  }, 300_000);

  it('follows the machine config in the CLI: key-file sealing, a plain-text backup that unzip and sha256sum accept, German errors', async () => {
    const dataDir = await demoCopy();
    const home = scratch();
    const configFile = join(home, 'config.json');
    writeFileSync(configFile, JSON.stringify({ blobEncryption: 'keyfile' }));
    const env = { EAKTE_CONFIG: configFile, XDG_CONFIG_HOME: join(home, 'xdg') };

    const search = await eakte(['search', 'Mahnung', '--data', dataDir, '--user', 'sb21', '--json'], env);
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout).total).toBeGreaterThan(0);
    expect(blobFiles(dataDir).every(sealed)).toBe(true);
    expect(readdirSync(join(home, 'xdg', 'eakte-desk', 'keys'))).toHaveLength(1);

    const out = join(scratch(), 'sicherung.zip');
    const backup = await eakte(['backup', '--out', out, '--data', dataDir, '--user', 'admin', '--json'], env);
    expect(backup.code).toBe(0);
    const names = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).trim().split('\n').filter((n) => n.startsWith('blobs/'));
    expect(names.length).toBe(blobFiles(dataDir).length);
    for (const name of names) expect(sha256(execFileSync('unzip', ['-p', out, name], { maxBuffer: 1 << 28 }))).toBe(name.slice(6));

    // Opened without the key-file setting, the sealed folder is refused with one German line.
    const plainConfig = join(home, 'plain.json');
    writeFileSync(plainConfig, JSON.stringify({ blobEncryption: 'off' }));
    const refused = await eakte(['search', 'Mahnung', '--data', dataDir, '--user', 'sb21'], { ...env, EAKTE_CONFIG: plainConfig });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/Schlüssel/);

    writeFileSync(configFile, '{ "blobEncryption": "rot13" }');
    const bad = await eakte(['search', 'Mahnung', '--data', dataDir, '--user', 'sb21'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(`Die Konfigurationsdatei ${configFile} ist ungültig: Eintrag blobEncryption hat einen unzulässigen Wert`);
    expect(existsSync(dataDir)).toBe(true);
  }, 300_000);
});

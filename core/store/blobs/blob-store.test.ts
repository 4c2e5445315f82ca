import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../contract/app-error';
import { tempDir } from '../../../test/helpers/temp-dir';
import { createFileBlobStore, sha256 } from './blob-store';

const dirs: { remove(): void }[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d.path;
};
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isAppError(e) ? e.code : String(e)),
  );

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

describe('content-addressed blob store', () => {
  it('stores by SHA-256, deduplicates and reads back verified', async () => {
    const root = fresh();
    const blobs = createFileBlobStore(root);
    const bytes = Buffer.from('Pfändungs- und Einziehungsverfügung');
    const a = await blobs.put(bytes);
    const b = await blobs.putStream((async function* () {
      yield bytes.subarray(0, 5);
      yield bytes.subarray(5);
    })());
    expect(a).toEqual({ hash: sha256(bytes), size: bytes.length });
    expect(b).toEqual(a);
    expect(filesUnder(join(root, 'sha256'))).toHaveLength(1);
    expect((await blobs.read(a.hash)).equals(bytes)).toBe(true);
    expect(await blobs.verify(a.hash)).toEqual(a);
  });

  it('refuses a blob whose bytes no longer match its hash, and reports a missing one', async () => {
    const blobs = createFileBlobStore(fresh());
    const { hash } = await blobs.put(Buffer.from('Originalinhalt'));
    writeFileSync(blobs.pathOf(hash), 'Manipuliert!!');
    expect(await codeOf(blobs.read(hash))).toBe('store.blob_hash_mismatch');
    expect(await codeOf(blobs.verify(hash))).toBe('store.blob_hash_mismatch');
    expect(await codeOf(blobs.read('a'.repeat(64)))).toBe('store.blob_missing');
  });

  it('never leaves a partial blob under its final name when the writer is killed mid-write', async () => {
    const root = fresh();
    // A child process streams 200 MB into the store; it is killed with SIGKILL while writing.
    const script = `
      import { createFileBlobStore } from ${JSON.stringify(join(import.meta.dirname, 'blob-store.ts'))};
      const blobs = createFileBlobStore(${JSON.stringify(root)});
      const chunk = Buffer.alloc(1 << 20, 7);
      await blobs.putStream((async function* () {
        for (let i = 0; i < 200; i++) { if (i === 3) process.stdout.write('writing\\n'); yield chunk; }
      })());
      process.stdout.write('done\\n');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && resolve()));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));

    for (const file of filesUnder(join(root, 'sha256'))) {
      expect(sha256(readFileSync(file))).toBe(file.split('/').pop());
    }
    const leftovers = filesUnder(join(root, 'tmp'));
    // The interrupted write is visible only as one temp file, which a later cleanup may remove.
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]).toMatch(/\.part$/);
    // The store keeps working after the crash.
    const blobs = createFileBlobStore(root);
    const ref = await blobs.put(Buffer.from('nach dem Absturz'));
    expect((await blobs.read(ref.hash)).toString()).toBe('nach dem Absturz');
  });
});

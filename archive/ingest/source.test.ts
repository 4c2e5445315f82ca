import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { openPackageSource } from './source';

const dir = tempDir('eakte-ingest-source-');
afterAll(() => dir.remove());

describe('folder package source', () => {
  const folder = path.join(dir.path, 'paket');
  mkdirSync(path.join(folder, 'unter'), { recursive: true });
  const small = randomBytes(50_000);
  // Larger than what is read in one call on the main thread: read through the pool in pieces.
  const large = randomBytes(3 * 1024 * 1024 + 17);
  writeFileSync(path.join(folder, 'klein.png'), small);
  writeFileSync(path.join(folder, 'unter', 'gross.tif'), large);
  writeFileSync(path.join(folder, 'leer.txt'), '');
  symlinkSync(path.join(folder, 'klein.png'), path.join(folder, 'verweis.png'));

  it('lists regular files only and reads each one whole, byte for byte', async () => {
    const source = await openPackageSource(folder);
    expect(source.entries).toEqual(['klein.png', 'leer.txt', 'unter/gross.tif']);
    expect((await source.readBuffer('klein.png', 1e9)).equals(small)).toBe(true);
    expect((await source.readBuffer('unter/gross.tif', 1e9)).equals(large)).toBe(true);
    expect((await source.readBuffer('leer.txt', 1e9)).length).toBe(0);
  });

  it('refuses a file over the limit before reading it', async () => {
    const source = await openPackageSource(folder);
    await expect(source.readBuffer('unter/gross.tif', large.length - 1)).rejects.toMatchObject({
      code: 'xdomea.too_large',
      params: { maxBytes: large.length - 1 },
    });
    expect((await source.readBuffer('unter/gross.tif', large.length)).length).toBe(large.length);
  });
});

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import { openSafeZip, type ZipLimits } from './index';
import { buildRawZip, type RawEntry } from './testing/raw-zip';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zip-reader-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function rawZip(entries: RawEntry[]): Promise<string> {
  const file = path.join(dir, `raw-${Math.random().toString(36).slice(2)}.zip`);
  await writeFile(file, buildRawZip(entries));
  return file;
}

async function openError(file: string, limits: Partial<ZipLimits> = {}): Promise<string> {
  try {
    (await openSafeZip(file, limits)).close();
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
  return 'opened';
}

describe('SafeZip reading ordinary archives', () => {
  it('reads and extracts an archive made by Info-ZIP zip, with the same bytes', async () => {
    const source = path.join(dir, 'src');
    await mkdir(path.join(source, 'sub'), { recursive: true });
    const pdf = Buffer.from('%PDF-1.7 not really a pdf but bytes '.repeat(500));
    await writeFile(path.join(source, 'a.txt'), 'Hallo Welt\n');
    await writeFile(path.join(source, 'sub', 'b.pdf'), pdf);
    const file = path.join(dir, 'info-zip.zip');
    execFileSync('zip', ['-r', '-q', file, 'a.txt', 'sub'], { cwd: source });

    const zip = await openSafeZip(file);
    try {
      expect(
        zip.entries
          .filter((e) => !e.isDirectory)
          .map((e) => e.name)
          .sort(),
      ).toEqual(['a.txt', 'sub/b.pdf']);
      expect((await zip.readBuffer('a.txt', 1024)).toString('utf8')).toBe('Hallo Welt\n');
      const extracted = await zip.extractTo(path.join(dir, 'out'));
      const pdfOut = extracted.find((f) => f.name === 'sub/b.pdf')!;
      expect(pdfOut.sha256).toBe(sha256(pdf));
      expect(await readFile(path.join(dir, 'out', 'sub', 'b.pdf'))).toEqual(pdf);
    } finally {
      zip.close();
    }
  });

  it('refuses to read an entry into memory beyond the given size', async () => {
    const file = await rawZip([{ name: 'big.xml', data: Buffer.alloc(2000, 0x41) }]);
    const zip = await openSafeZip(file);
    try {
      await expect(zip.readBuffer('big.xml', 1000)).rejects.toMatchObject({ code: 'zip.entry_too_large' });
      await expect(zip.readBuffer('missing.xml', 1000)).rejects.toMatchObject({ code: 'zip.entry_missing' });
    } finally {
      zip.close();
    }
  });

  it('refuses to extract into a folder that already has content', async () => {
    const file = await rawZip([{ name: 'a.txt', data: Buffer.from('x') }]);
    const target = path.join(dir, 'busy');
    await mkdir(target);
    await writeFile(path.join(target, 'keep.txt'), 'mine');
    const zip = await openSafeZip(file);
    try {
      await expect(zip.extractTo(target)).rejects.toMatchObject({ code: 'zip.target_exists' });
      expect(await readdir(target)).toEqual(['keep.txt']);
    } finally {
      zip.close();
    }
  });

  it('says a file that is no ZIP is corrupt', async () => {
    const file = path.join(dir, 'not.zip');
    await writeFile(file, Buffer.from('this is plain text, not a zip file at all'));
    expect(await openError(file)).toBe('zip.corrupt');
  });
});

describe('SafeZip refusing hostile archives (zip slip)', () => {
  it.each([
    ['../evil.txt'],
    ['a/../../evil.txt'],
    ['/etc/evil.txt'],
    ['C:/Windows/evil.txt'],
    ['a\\..\\..\\evil.txt'],
    ['sub/./evil.txt'],
    ['con.txt'],
    ['report.txt:hidden'],
    ['name-with-trailing-dot.'],
  ])('refuses %s before anything is extracted', async (name) => {
    const file = await rawZip([
      { name: 'harmless.txt', data: Buffer.from('ok') },
      { name, data: Buffer.from('owned') },
    ]);
    expect(await openError(file)).toBe('zip.unsafe_entry_name');
    expect(await readdir(dir)).toEqual([path.basename(file)]);
  });

  it('refuses a symbolic link entry', async () => {
    const file = await rawZip([
      {
        name: 'link',
        data: Buffer.from('/etc/passwd'),
        versionMadeBy: 0x031e,
        externalAttributes: 0o120777 << 16,
      },
    ]);
    expect(await openError(file)).toBe('zip.link_entry');
  });

  it('accepts a regular file with UNIX permissions', async () => {
    const file = await rawZip([
      {
        name: 'file.txt',
        data: Buffer.from('ok'),
        versionMadeBy: 0x031e,
        externalAttributes: 0o100644 << 16,
      },
    ]);
    expect(await openError(file)).toBe('opened');
  });

  it('refuses names that collide on Windows', async () => {
    const file = await rawZip([
      { name: 'Akte.pdf', data: Buffer.from('1') },
      { name: 'akte.PDF', data: Buffer.from('2') },
    ]);
    expect(await openError(file)).toBe('zip.duplicate_entry');
  });

  it('refuses a file that another entry needs as its folder', async () => {
    const file = await rawZip([
      { name: 'akte', data: Buffer.from('a file') },
      { name: 'AKTE/dokument.pdf', data: Buffer.from('inside') },
    ]);
    expect(await openError(file)).toBe('zip.duplicate_entry');
  });

  it('refuses encrypted entries and unknown compression', async () => {
    expect(
      await openError(await rawZip([{ name: 'x.txt', data: Buffer.from('x'), method: 8, flags: 0x1 }])),
    ).toBe('zip.encrypted_entry');
    expect(await openError(await rawZip([{ name: 'x.txt', data: Buffer.from('x'), method: 12 }]))).toBe(
      'zip.unsupported_compression',
    );
  });
});

describe('SafeZip refusing zip bombs', () => {
  it('refuses an entry that inflates more than the allowed ratio', async () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024);
    const file = await rawZip([{ name: 'zeros.bin', data: zeros, method: 8 }]);
    const compressed = (await readFile(file)).length;
    expect(zeros.length / compressed).toBeGreaterThan(100);
    expect(await openError(file)).toBe('zip.suspicious_ratio');
  });

  it('refuses more entries than allowed', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({
      name: `f${i}.txt`,
      data: Buffer.from(String(i)),
    }));
    expect(await openError(await rawZip(entries), { maxEntries: 4 })).toBe('zip.too_many_entries');
    expect(await openError(await rawZip(entries), { maxEntries: 5 })).toBe('opened');
  });

  it('refuses a total uncompressed size beyond the limit', async () => {
    const entries = [
      { name: 'a.bin', data: Buffer.alloc(600, 1) },
      { name: 'b.bin', data: Buffer.alloc(600, 2) },
    ];
    expect(await openError(await rawZip(entries), { maxTotalBytes: 1000 })).toBe('zip.too_large');
    expect(await openError(await rawZip(entries), { maxTotalBytes: 1200 })).toBe('opened');
  });

  it('refuses entries whose data overlap', async () => {
    const file = await rawZip([
      { name: 'a.bin', data: Buffer.alloc(1000, 1), method: 8 },
      { name: 'b.bin', data: Buffer.alloc(1000, 1), method: 8, localHeaderOffset: 0 },
    ]);
    expect(await openError(file)).toBe('zip.overlapping_entries');
  });

  it('stops an entry that inflates beyond its declared size', async () => {
    const file = await rawZip([
      { name: 'liar.bin', data: Buffer.alloc(1024 * 1024), method: 8, declaredSize: 100 },
    ]);
    const zip = await openSafeZip(file);
    try {
      await expect(zip.readBuffer('liar.bin', 1000)).rejects.toMatchObject({ code: 'zip.corrupt' });
    } finally {
      zip.close();
    }
  });

  it('detects content whose CRC-32 does not match', async () => {
    const file = await rawZip([{ name: 'a.txt', data: Buffer.from('original content'), crc: 0x12345678 }]);
    const zip = await openSafeZip(file);
    try {
      await expect(zip.extractTo(path.join(dir, 'out'))).rejects.toMatchObject({ code: 'zip.corrupt' });
      expect(await readdir(path.join(dir, 'out'))).toEqual([]);
    } finally {
      zip.close();
    }
  });
});
